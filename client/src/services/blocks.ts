/**
 * Whom the signed-in user blocks (`GET /api/blocks`), shared by the block button on a space and the
 * blocked list in settings, so either one's change shows in the other at once.
 */
import type { UserDto } from '../../../shared/dto.js';
import { api } from './api.js';
import { session } from './session.js';

class Blocks extends EventTarget {
  users: UserDto[] = [];
  loaded = false;
  private loading: Promise<void> | null = null;

  constructor() {
    super();
    session.addEventListener('change', () => {
      if (session.status !== 'signed-in') this.set([], false);
    });
  }

  /** Loads the list once per sign-in (again when `force`). */
  load(force = false): Promise<void> {
    if (this.loaded && !force) return Promise.resolve();
    this.loading ??= api
      .call('GET /blocks')
      .then(({ users }) => this.set(users, true))
      .finally(() => (this.loading = null));
    return this.loading;
  }

  has(userId: string): boolean {
    return this.users.some((u) => u.id === userId);
  }

  /** Blocks `user`: the friendship, requests and invites between you end; they no longer see your space. */
  async block(user: UserDto): Promise<void> {
    await api.call('PUT /blocks/:handle', { params: { handle: user.handle } });
    this.set([user, ...this.users.filter((u) => u.id !== user.id)], this.loaded);
  }

  /** Unblocks `user` (a friendship that ended does not come back). */
  async unblock(user: UserDto): Promise<void> {
    await api.call('DELETE /blocks/:handle', { params: { handle: user.handle } });
    this.set(
      this.users.filter((u) => u.id !== user.id),
      this.loaded,
    );
  }

  private set(users: UserDto[], loaded: boolean): void {
    this.users = users;
    this.loaded = loaded;
    this.dispatchEvent(new Event('change'));
  }
}

export const blocks = new Blocks();
