/**
 * A component's loads, cancelled when they no longer matter: starting a load aborts the one before
 * (a newer answer is coming), and the component leaving the page aborts whatever is still in flight,
 * so a page left mid-load neither keeps the connection busy nor writes into a detached element.
 *
 * Given `ReadWhen`, it also starts the host's read: on every connect, or (with `key`) whenever the
 * thing shown changes and again when the host is moved within the page (a read the move cut short
 * starts again); with `catchUp`, again after a (re)connect that may have missed live events.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { errorText, isAbort, type ErrorWording } from '../services/api.js';
import { LiveEvents } from './live-events.js';

export interface ReadWhen {
  /** The host's read (which takes its signal through `load()` or `next()`). */
  readonly read: () => unknown;
  /** What the host shows (a route's id, a space's handle): read before the first render and whenever it changes, instead of on every connect. */
  readonly key?: () => unknown;
  /** Read again after a (re)connect that may have missed live events (see LiveEvents.onConnected). */
  readonly catchUp?: boolean;
}

const nothingShown = Symbol('nothing shown');

export class FetchScope implements ReactiveController {
  private current: AbortController | null = null;
  private shown: unknown = nothingShown;

  constructor(
    host: ReactiveControllerHost,
    private readonly when?: ReadWhen,
  ) {
    host.addController(this);
    if (when?.catchUp)
      new LiveEvents(host).onConnected((missed) => {
        if (missed) void when.read();
      });
  }

  /** A signal for a new load; the previous load's signal is aborted. */
  next(): AbortSignal {
    this.current?.abort();
    this.current = new AbortController();
    return this.current.signal;
  }

  /**
   * Runs a load with a fresh signal (the load before it is aborted). When it fails other than by being
   * cut short, `failed` gets what to tell the reader: errorText, with the screen's wording for some codes.
   */
  async load(work: (signal: AbortSignal) => Promise<unknown>, failed: (message: string) => void, wording?: ErrorWording): Promise<void> {
    const signal = this.next();
    try {
      await work(signal);
    } catch (err) {
      if (!isAbort(err)) failed(errorText(err, wording));
    }
  }

  /** The signal of the load in flight (for a follow-up read that belongs to it). */
  get signal(): AbortSignal | undefined {
    return this.current?.signal;
  }

  hostConnected(): void {
    if (this.when && (!this.when.key || this.shown !== nothingShown)) void this.when.read();
  }

  hostUpdate(): void {
    const key = this.when?.key?.();
    if (!this.when?.key || key === this.shown) return;
    this.shown = key;
    void this.when.read();
  }

  hostDisconnected(): void {
    this.current?.abort();
    this.current = null;
  }
}
