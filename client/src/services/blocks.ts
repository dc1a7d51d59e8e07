/**
 * Whom the signed-in user blocks (`GET /api/blocks`), shared by the block button on a space and the
 * blocked list in settings, so either one's change shows in the other at once.
 */
import type { UserDto } from '../../../shared/dto.js';
import { api } from './api.js';
import { SignedInList } from './signed-in-list.js';

class Blocks extends SignedInList<UserDto> {
  get users(): readonly UserDto[] {
    return this.items;
  }

  protected async fetch(): Promise<UserDto[]> {
    return (await api.call('GET /blocks')).users;
  }

  has(userId: string): boolean {
    return this.items.some((u) => u.id === userId);
  }

  /** Blocks `user`: the friendship, requests and invites between you end; they no longer see your space. */
  async block(user: UserDto): Promise<void> {
    await api.call('PUT /blocks/:handle', { params: { handle: user.handle } });
    this.replace([user, ...this.items.filter((u) => u.id !== user.id)]);
  }

  /** Unblocks `user` (a friendship that ended does not come back). */
  async unblock(user: UserDto): Promise<void> {
    await api.call('DELETE /blocks/:handle', { params: { handle: user.handle } });
    this.replace(this.items.filter((u) => u.id !== user.id));
  }
}

export const blocks = new Blocks();
