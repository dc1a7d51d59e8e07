/**
 * The friends the signed-in user marked for special care (特别关心, `GET /api/friends/care`), shared by
 * the star buttons in the friends list and the stars next to authors' names in the feed, so a mark
 * made in one shows in the other at once, and one made in another tab or on another device arrives as
 * `care:change`. A friendship that ends takes its mark with it: read again.
 */
import type { UserDto } from '../../../shared/dto.js';
import { api } from './api.js';
import { realtime } from './realtime.js';
import { SignedInList } from './signed-in-list.js';

class Care extends SignedInList<UserDto> {
  constructor() {
    super();
    realtime.on('friend:change', ({ friends }) => !friends && this.loaded && void this.load(true));
    // A mark made in another tab or on another device (v1.2): every star here follows.
    realtime.on('care:change', ({ user, cared }) => this.loaded && this.marked(user, cared));
  }

  protected async fetch(): Promise<UserDto[]> {
    return (await api.call('GET /friends/care')).users;
  }

  has(userId: string): boolean {
    return this.items.some((u) => u.id === userId);
  }

  /** The hub agreed to mark (or unmark) `user`: every star shows it. */
  marked(user: UserDto, cared: boolean): void {
    const others = this.items.filter((u) => u.id !== user.id);
    this.replace(cared ? [...others, user] : others);
  }
}

export const care = new Care();
