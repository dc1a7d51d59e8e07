/** Entry: the language first (so the first render is already in it), then the app shell and the session. */
import { initLocale } from './i18n/locale.js';
import { session } from './services/session.js';

await initLocale();
await import('./components/kj-app.js');
void session.restore();
