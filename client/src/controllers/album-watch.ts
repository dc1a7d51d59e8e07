/**
 * Follows one album live while its page is in the document: `album:watch` on connect (again after
 * every reconnect: rooms do not survive one) and `album:unwatch` when it goes or the album changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { realtime } from '../services/realtime.js';

export class AlbumWatch implements ReactiveController {
  private watching = '';
  private connected = false;
  private readonly onConnected = () => {
    this.watching = '';
    this.sync();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly albumId: () => string,
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

  /** Watches the current album (or nothing once the host left); call after the album id changes. */
  sync(): void {
    const want = this.connected ? this.albumId() : '';
    if (want === this.watching || realtime.state !== 'online') return;
    const previous = this.watching;
    this.watching = want;
    const ignore = () => {
      // Gone, not visible, or offline: nothing to follow; the next connect tries again.
    };
    if (previous) realtime.request('album:unwatch', { albumId: previous }).catch(ignore);
    if (want) realtime.request('album:watch', { albumId: want }).catch(ignore);
  }
}
