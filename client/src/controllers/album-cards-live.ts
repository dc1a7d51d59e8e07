/**
 * A space's list of albums as its host shows it, kept live: a card the hub pushes (`space:album`: made,
 * a photo more or fewer, a new cover) replaces its old self or joins the list, newest first;
 * `space:album:remove` takes one out; after a reconnect the list loads again (cards may have changed
 * meanwhile). The host re-renders whenever the list changes.
 */
import type { ReactiveControllerHost } from 'lit';
import type { AlbumDto } from '../../../shared/dto.js';
import { LiveEvents } from './live-events.js';

export interface AlbumsOf {
  /** The handle of the space whose albums are listed. */
  readonly handle: () => string;
  /** Reads the list again (after a reconnect). */
  readonly reload: () => void;
}

export class AlbumCards {
  private shown: AlbumDto[] | null;

  constructor(
    private readonly host: ReactiveControllerHost,
    of: AlbumsOf,
    /** The list before the first read: null (loading) or empty. */
    initial: AlbumDto[] | null = null,
  ) {
    this.shown = initial;
    new LiveEvents(host)
      .on('space:album', ({ album }) => {
        const list = this.list;
        if (!list || album.owner.handle !== of.handle()) return;
        this.list = list.some((a) => a.id === album.id)
          ? list.map((a) => (a.id === album.id ? album : a))
          : [album, ...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      })
      .on('space:album:remove', ({ albumId }) => {
        const list = this.list;
        if (list?.some((a) => a.id === albumId)) this.list = list.filter((a) => a.id !== albumId);
      })
      .onConnected((missed) => {
        if (missed) of.reload();
      });
  }

  /** The list on screen; null while it loads (the load brings what was pushed meanwhile). */
  get list(): AlbumDto[] | null {
    return this.shown;
  }

  set list(albums: AlbumDto[] | null) {
    this.shown = albums;
    this.host.requestUpdate();
  }
}
