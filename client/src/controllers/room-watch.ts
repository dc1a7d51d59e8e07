/**
 * Follows one live room while its host is in the document: `watch(key)` on connect (again after
 * every reconnect: rooms do not survive one) and `unwatch(key)` when the host goes or the key
 * changes (seen as the host updates). What arrives in the room comes as the realtime service's events.
 * `onWatched` runs once each watch is acknowledged and the reads already on their way have settled:
 * a read made then misses nothing the room carries, and cuts no earlier read of the host short.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readsSettled } from '../services/api.js';
import { realtime } from '../services/realtime.js';

export interface RoomKind {
  watch(key: string): Promise<unknown>;
  unwatch(key: string): Promise<unknown>;
}

export interface RoomOf {
  /** Which room of its kind (a space's handle, an album's id); '' for none. */
  readonly key: () => string;
  /** Runs once each watch is acknowledged and the reads already on their way have settled. */
  readonly onWatched?: () => void;
}

export class RoomWatch implements ReactiveController {
  private watching = '';
  private connected = false;
  private readonly onConnected = () => {
    this.watching = '';
    this.sync();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly kind: RoomKind,
    private readonly room: RoomOf,
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

  hostUpdate(): void {
    this.sync();
  }

  /** Watches the current key (or nothing once the host left). */
  private sync(): void {
    const want = this.connected ? this.room.key() : '';
    if (want === this.watching || realtime.state !== 'online') return;
    const previous = this.watching;
    this.watching = want;
    const ignore = () => {
      // Gone, not visible, or offline: nothing to follow; the next connect tries again.
    };
    if (previous) this.kind.unwatch(previous).catch(ignore);
    if (want) {
      this.kind
        .watch(want)
        .then(readsSettled)
        .then(() => {
          if (this.watching === want) this.room.onWatched?.();
        }, ignore);
    }
  }
}

/** An open album page: photos added, re-captioned and removed. */
export const albumRoom: RoomKind = {
  watch: (albumId) => realtime.request('album:watch', { albumId }),
  unwatch: (albumId) => realtime.request('album:unwatch', { albumId }),
};

/** A space on screen: its look (title, theme, layout, modules, music). */
export const spaceRoom: RoomKind = {
  watch: (handle) => realtime.request('space:watch', { handle }),
  unwatch: (handle) => realtime.request('space:unwatch', { handle }),
};

/** A space's guestbook on screen: new and deleted entries. */
export const guestbookRoom: RoomKind = {
  watch: (handle) => realtime.request('guestbook:watch', { handle }),
  unwatch: (handle) => realtime.request('guestbook:unwatch', { handle }),
};
