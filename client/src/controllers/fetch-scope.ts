/**
 * A component's loads, cancelled when they no longer matter: starting a load aborts the one before
 * (a newer answer is coming), and the component leaving the page aborts whatever is still in flight,
 * so a page left mid-load neither keeps the connection busy nor writes into a detached element.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class FetchScope implements ReactiveController {
  private current: AbortController | null = null;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** A signal for a new load; the previous load's signal is aborted. */
  next(): AbortSignal {
    this.current?.abort();
    this.current = new AbortController();
    return this.current.signal;
  }

  hostDisconnected(): void {
    this.current?.abort();
    this.current = null;
  }
}
