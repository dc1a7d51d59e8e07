/**
 * The viewer's pending incoming friend requests, for views that answer them in place (the
 * notifications page): loaded on connect, again when a `friend_request` notification arrives or
 * the socket reconnects, and each answer remembered so its item says how it ended.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FriendRequestDto } from '../../../shared/dto.js';
import { api } from '../services/api.js';
import { LiveEvents } from './live-events.js';

export class PendingRequests implements ReactiveController {
  private incoming = new Map<string, FriendRequestDto>();
  private readonly answered = new Map<string, 'accepted' | 'declined'>();
  private abort: AbortController | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
    new LiveEvents(host)
      .on('notification', ({ notification }) => {
        if (notification.kind === 'friend_request') void this.load();
      })
      .onConnected((missed) => {
        if (missed) void this.load();
      });
  }

  hostConnected(): void {
    void this.load();
  }

  hostDisconnected(): void {
    this.abort?.abort();
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
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    try {
      const { incoming } = await api.call('GET /friends/requests', { signal: abort.signal });
      this.incoming = new Map(incoming.filter((r) => r.status === 'pending').map((r) => [r.id, r]));
      this.host.requestUpdate();
    } catch {
      // Offline or aborted: the items keep their links; a reconnect loads again.
    }
  }
}
