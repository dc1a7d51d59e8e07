/**
 * Where the signed-in person stands with everyone else: friends, a request they sent, a request they
 * received. One store for every "Add friend" button on the page (search, spaces, suggestions, visitors,
 * comments), read once from `GET /api/friends` and `GET /api/friends/requests` and kept live: a
 * friendship made or ended (`friend:change`), a request received (a `friend_request` notification), a
 * person gone (`user:gone`), or a reconnect reads it again. Emits `change`.
 */
import type { FriendRequestDto, UserDto } from '../../../shared/dto.js';
import { api } from './api.js';
import { realtime } from './realtime.js';
import { session } from './session.js';

/** How the viewer stands with someone: `received` means they asked the viewer (who can accept). */
export type FriendRelation = 'self' | 'friends' | 'sent' | 'received' | 'none' | 'unknown';

class FriendRelations extends EventTarget {
  private friends = new Set<string>();
  private sent = new Set<string>();
  /** Requests the viewer received, by the asker's id. */
  private received = new Map<string, FriendRequestDto>();
  private loaded = false;
  private loading: Promise<void> | null = null;
  private started = false;

  /** Starts following the hub (the first button on the page calls it). */
  use(): void {
    if (this.started) return;
    this.started = true;
    realtime.on('friend:change', ({ userId, friends }) => {
      if (friends) this.friends.add(userId);
      else this.friends.delete(userId);
      this.sent.delete(userId);
      this.received.delete(userId);
      this.changed();
    });
    realtime.on('notification', ({ notification }) => {
      if (notification.kind === 'friend_request') void this.load();
    });
    realtime.on('user:gone', () => void this.load());
    realtime.addEventListener('connected', (e) => {
      if ((e as CustomEvent<{ reconnected: boolean }>).detail.reconnected) void this.load();
    });
    session.addEventListener('change', () => {
      this.friends.clear();
      this.sent.clear();
      this.received.clear();
      this.loaded = false;
      if (session.status === 'signed-in') void this.load();
      this.changed();
    });
    if (session.status === 'signed-in') void this.load();
  }

  relationTo(user: Pick<UserDto, 'id'>): FriendRelation {
    if (session.me?.id === user.id) return 'self';
    if (!this.loaded) return 'unknown';
    if (this.friends.has(user.id)) return 'friends';
    if (this.received.has(user.id)) return 'received';
    if (this.sent.has(user.id)) return 'sent';
    return 'none';
  }

  /** Asks `user` to be friends (if they asked first, the hub makes you friends at once). */
  async ask(user: Pick<UserDto, 'id' | 'handle'>): Promise<void> {
    const { request } = await api.call('POST /friends/requests', { body: { to: user.handle } });
    if (request.status === 'accepted') this.friends.add(user.id);
    else this.sent.add(user.id);
    this.changed();
  }

  /** Accepts the request `user` sent the viewer. */
  async accept(user: Pick<UserDto, 'id'>): Promise<void> {
    const request = this.received.get(user.id);
    if (!request) return;
    await api.call('POST /friends/requests/:id/accept', { params: { id: request.id } });
    this.received.delete(user.id);
    this.friends.add(user.id);
    this.changed();
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const [{ friends }, { incoming, outgoing }] = await Promise.all([api.call('GET /friends'), api.call('GET /friends/requests')]);
        this.friends = new Set(friends.map((f) => f.id));
        this.sent = new Set(outgoing.filter((r) => r.status === 'pending').map((r) => r.to.id));
        this.received = new Map(incoming.filter((r) => r.status === 'pending').map((r) => [r.from.id, r]));
        this.loaded = true;
        this.changed();
      } catch {
        // Offline or signed out: buttons wait; a reconnect reads again.
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

export const friendRelations = new FriendRelations();
