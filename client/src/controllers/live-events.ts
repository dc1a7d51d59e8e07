/**
 * Server events for the lifetime of a component: subscribe in the constructor, and the handlers are
 * attached while the component is in the document. `onConnected` runs on every (re)connect.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ServerEventName, ServerPayload } from '../../../shared/events.js';
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

  /** Runs after every connect; `reconnected` says whether events may have been missed. */
  onConnected(handler: (reconnected: boolean) => void): this {
    this.subscriptions.push(() => {
      const listener = (e: Event) => handler((e as CustomEvent<{ reconnected: boolean }>).detail.reconnected);
      realtime.addEventListener('connected', listener);
      return () => realtime.removeEventListener('connected', listener);
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
