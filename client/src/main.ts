/** Entry: the app shell registers every view it routes to. */
import './components/kj-app.js';
import { session } from './services/session.js';

void session.restore();
