/**
 * Follows one space's guestbook live while its host is in the document: `guestbook:watch` on
 * connect (and again after every reconnect: rooms do not survive one), `guestbook:unwatch` when it
 * goes; `sync()` after the handle changes. New and deleted entries then arrive as events.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { realtime } from '../services/realtime.js';

export class GuestbookWatch implements ReactiveController {
  private watching = '';
  private connected = false;
  private readonly onConnected = () => {
    this.watching = '';
    this.sync();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly handle: () => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    realtime.addEventListener('connected', this.onConnected);
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    realtime.removeEventListener('connected', this.onConnected);
    this.sync();
  }

  /** Watches the current handle (or nothing, once the host left). */
  sync(): void {
    const want = this.connected ? this.handle() : '';
    if (want === this.watching || realtime.state !== 'online') return;
    const previous = this.watching;
    this.watching = want;
    const ignore = () => {
      // Gone or offline: nothing to follow; the next connect watches again.
    };
    if (previous) realtime.request('guestbook:unwatch', { handle: previous }).catch(ignore);
    if (want) realtime.request('guestbook:watch', { handle: want }).catch(ignore);
  }
}
