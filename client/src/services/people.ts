/**
 * What the hub tells this tab about people since their DTOs were fetched: a newer profile
 * (`user:updated`, from the user's own tabs and their friends) and people gone for this reader
 * (`user:gone`: they deleted their account or blocked the reader). Views draw `latest(user)` and
 * drop what belongs to someone `isGone`, so a name, an avatar or a space changes without a reload.
 */
import type { UserDto } from '../../../shared/dto.js';
import { realtime } from './realtime.js';
import { session } from './session.js';

class People extends EventTarget {
  private readonly updated = new Map<string, UserDto>();
  private readonly gone = new Set<string>();

  constructor() {
    super();
    realtime.on('user:updated', ({ user }) => this.learn(user));
    realtime.on('user:gone', ({ userId }) => {
      this.gone.add(userId);
      this.dispatchEvent(new CustomEvent<{ userId: string }>('gone', { detail: { userId } }));
      this.dispatchEvent(new Event('change'));
    });
  }

  /** A profile newer than the DTOs on screen: this tab's own edit, or one pushed by the hub. */
  learn(user: UserDto): void {
    this.updated.set(user.id, user);
    this.gone.delete(user.id);
    const me = session.me;
    if (me?.id === user.id) session.updateMe({ ...user, role: me.role });
    this.dispatchEvent(new CustomEvent<{ user: UserDto }>('updated', { detail: { user } }));
    this.dispatchEvent(new Event('change'));
  }

  /** `user` as last heard of: the pushed profile when one came after the DTO was fetched. */
  latest<U extends UserDto>(user: U): U {
    const newer = this.updated.get(user.id);
    return newer ? { ...user, ...newer } : user;
  }

  isGone(userId: string): boolean {
    return this.gone.has(userId);
  }
}

export const people = new People();
