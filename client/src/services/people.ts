/**
 * Profiles newer than the DTOs on screen: this tab's own edit, and `user:updated` pushed by the hub
 * (from the user's other tabs and their friends). Avatars draw `latest(user)`, so a new photo shows
 * wherever the person appears without a reload; pages that hold names patch them on the same event.
 * (People gone for this reader — `user:gone` — are dropped by the pages that show their things.)
 */
import type { UserDto } from '../../../shared/dto.js';
import { realtime } from './realtime.js';
import { session } from './session.js';

class People extends EventTarget {
  private readonly updated = new Map<string, UserDto>();

  constructor() {
    super();
    realtime.on('user:updated', ({ user }) => this.learn(user));
  }

  /** A profile newer than the DTOs on screen; one's own also updates the session. */
  learn(user: UserDto): void {
    this.updated.set(user.id, user);
    const me = session.me;
    if (me?.id === user.id) session.updateMe({ ...user, role: me.role });
    this.dispatchEvent(new Event('change'));
  }

  /** `user` as last heard of: the pushed profile when one came after the DTO was fetched. */
  latest(user: UserDto): UserDto {
    // Whole, not merged: a removed avatar or bio is absent from the newer profile and must go.
    return this.updated.get(user.id) ?? user;
  }
}

export const people = new People();
