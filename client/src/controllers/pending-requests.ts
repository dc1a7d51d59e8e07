/**
 * The viewer's pending incoming friend requests, for views that answer them in place (the
 * notifications page): loaded on connect, again when a `friend_request` notification arrives or
 * the socket reconnects, and each answer remembered so its item says how it ended.
 */
import type { ReactiveControllerHost } from 'lit';
import type { FriendRequestDto } from '../../../shared/dto.js';
import { api } from '../services/api.js';
import { FetchScope } from './fetch-scope.js';
import { LiveEvents } from './live-events.js';

export class PendingRequests {
  private incoming = new Map<string, FriendRequestDto>();
  private readonly answered = new Map<string, 'accepted' | 'declined'>();
  private readonly loads: FetchScope;

  constructor(private readonly host: ReactiveControllerHost) {
    new LiveEvents(host).on('notification', ({ notification }) => {
      if (notification.kind === 'friend_request') void this.load();
    });
    this.loads = new FetchScope(host, { read: () => this.load(), catchUp: true });
  }

  /** The request if it is still pending. */
  pending(requestId: string): FriendRequestDto | null {
    return this.incoming.get(requestId) ?? null;
  }

  outcome(requestId: string): 'accepted' | 'declined' | '' {
    return this.answered.get(requestId) ?? '';
  }

  /** Remembers an answer given in this tab. */
  answer(requestId: string, verb: 'accept' | 'decline'): void {
    this.answered.set(requestId, verb === 'accept' ? 'accepted' : 'declined');
    this.incoming.delete(requestId);
    this.host.requestUpdate();
  }

  private async load(): Promise<void> {
    try {
      const { incoming } = await api.call('GET /friends/requests', { signal: this.loads.next() });
      this.incoming = new Map(incoming.filter((r) => r.status === 'pending').map((r) => [r.id, r]));
      this.host.requestUpdate();
    } catch {
      // Offline or aborted: the items keep their links; a reconnect loads again.
    }
  }
}
