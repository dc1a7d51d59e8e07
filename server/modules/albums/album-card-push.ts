/**
 * An album's card, live on the spaces that show it: whoever may see the album gets its new state
 * (made, a photo more or fewer, a new cover) and its removal. A public album goes to the owner and to
 * everyone with the space open (they watch its guestbook); a friends-only one to the owner and their
 * friends' sockets (the audience room); a private one to the owner alone.
 */
import type { AlbumDto, Privacy } from '../../../shared/dto.js';
import type { Pusher } from '../../realtime/pusher.js';
import { rooms } from '../../realtime/rooms.js';

function roomsFor(ownerId: string, privacy: Privacy): string[] {
  if (privacy === 'public') return [rooms.user(ownerId), rooms.guestbook(ownerId)];
  if (privacy === 'friends') return [rooms.user(ownerId), rooms.audience(ownerId)];
  return [rooms.user(ownerId)];
}

export function createAlbumCardPush(pusher: Pick<Pusher, 'toRooms'> | undefined) {
  return {
    /** The album's card as it is now (the whole card: a repeat or a late one does no harm). */
    changed(album: AlbumDto): void {
      pusher?.toRooms(roomsFor(album.owner.id, album.privacy), 'space:album', { album });
    },

    /** The album is gone; told to those who could see it, and to those who had it open. */
    removed(ownerId: string, albumId: string, privacy: Privacy): void {
      pusher?.toRooms([...roomsFor(ownerId, privacy), rooms.album(ownerId, albumId)], 'space:album:remove', { ownerId, albumId });
    },
  };
}
