/** Re-renders its host whenever a shared store (session, notifications, presence, router…) changes. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class StoreController<S extends EventTarget> implements ReactiveController {
  private readonly onChange = () => this.host.requestUpdate();

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly store: S,
    private readonly eventName = 'change',
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.store.addEventListener(this.eventName, this.onChange);
  }

  hostDisconnected(): void {
    this.store.removeEventListener(this.eventName, this.onChange);
  }
}
