/**
 * Server events for the lifetime of a component: subscribe in the constructor, and the handlers are
 * attached while the component is in the document. `onConnected` runs on every (re)connect.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ServerEventName, ServerPayload } from '../../../shared/events.js';
import { readsSettled } from '../services/api.js';
import { realtime } from '../services/realtime.js';

export class LiveEvents implements ReactiveController {
  private readonly subscriptions: Array<() => () => void> = [];
  private active: Array<() => void> = [];

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  on<E extends ServerEventName>(event: E, handler: (payload: ServerPayload<E>) => void): this {
    this.subscriptions.push(() => realtime.on(event, handler));
    return this;
  }

  /**
   * Runs after every connect; `missed` says whether events may have been missed: after a reconnect, and
   * on the first connect after the host came up while the socket was not online (it loaded over HTTP,
   * and whatever happened between that read and the connect was pushed to nobody it could hear). That
   * first one waits for the reads already on their way, so a host reads again after its first read
   * rather than cutting it short.
   */
  onConnected(handler: (missed: boolean) => void): this {
    this.subscriptions.push(() => {
      let behind = realtime.state !== 'online';
      let stopped = false;
      const listener = (e: Event) => {
        const { reconnected } = (e as CustomEvent<{ reconnected: boolean }>).detail;
        if (behind && !reconnected) {
          void readsSettled().then(() => {
            if (!stopped) handler(true);
          });
        } else handler(reconnected);
        behind = false;
      };
      realtime.addEventListener('connected', listener);
      return () => {
        stopped = true;
        realtime.removeEventListener('connected', listener);
      };
    });
    return this;
  }

  hostConnected(): void {
    this.active = this.subscriptions.map((subscribe) => subscribe());
  }

  hostDisconnected(): void {
    for (const stop of this.active) stop();
    this.active = [];
  }
}
