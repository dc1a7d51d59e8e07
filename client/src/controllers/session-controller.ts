/** The current user for a component: re-renders it on sign-in and sign-out. */
import type { ReactiveControllerHost } from 'lit';
import type { MeDto } from '../../../shared/dto.js';
import { session } from '../services/session.js';
import { StoreController } from './store-controller.js';

export class SessionController extends StoreController<typeof session> {
  constructor(host: ReactiveControllerHost) {
    super(host, session);
  }

  get me(): MeDto | null {
    return session.me;
  }

  /** The signed-in user, for views that only render while signed in. */
  get user(): MeDto {
    if (!session.me) throw new Error('not signed in');
    return session.me;
  }
}
