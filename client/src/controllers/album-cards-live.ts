/**
 * Keeps a space's list of albums live: a card the hub pushes (`space:album`: made, a photo more or
 * fewer, a new cover) replaces its old self or joins the list, newest first; `space:album:remove`
 * takes one out; after a reconnect the list loads again (cards may have changed meanwhile).
 */
import type { ReactiveControllerHost } from 'lit';
import type { AlbumDto } from '../../../shared/dto.js';
import { LiveEvents } from './live-events.js';

export interface AlbumCards {
  /** The handle of the space whose albums are listed. */
  readonly handle: () => string;
  /** The list on screen; null while it loads (the load brings what was pushed meanwhile). */
  readonly get: () => readonly AlbumDto[] | null;
  readonly set: (albums: AlbumDto[]) => void;
  readonly reload: () => void;
}

export function followAlbumCards(host: ReactiveControllerHost, cards: AlbumCards): void {
  new LiveEvents(host)
    .on('space:album', ({ album }) => {
      const list = cards.get();
      if (!list || album.owner.handle !== cards.handle()) return;
      cards.set(
        list.some((a) => a.id === album.id)
          ? list.map((a) => (a.id === album.id ? album : a))
          : [album, ...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      );
    })
    .on('space:album:remove', ({ albumId }) => {
      const list = cards.get();
      if (list?.some((a) => a.id === albumId)) cards.set(list.filter((a) => a.id !== albumId));
    })
    .onConnected((missed) => {
      if (missed) cards.reload();
    });
}
