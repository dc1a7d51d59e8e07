/**
 * An album's card, live on the spaces that show it: whoever may see the album gets its new state
 * (made, a photo more or fewer, a new cover) and its removal. A public album goes to the owner and to
 * everyone with the space open (they watch its guestbook); a friends-only one to the owner and their
 * friends' sockets (the audience room), but for the friends it is hidden from (v1.2 `except`); a
 * group-limited one to the owner and the rooms of its groups (`rooms.group`: their members' sockets);
 * a private one to the owner alone. A removal (ids only) goes to the whole audience of a limited album.
 */
import type { AlbumDto } from '../../../shared/dto.js';
import type { Pusher } from '../../realtime/pusher.js';
import { rooms } from '../../realtime/rooms.js';
import type { Visible } from '../friends/visibility.js';
import type { Types } from 'mongoose';

/** Who may see a limited album, as the composition answers it: the rooms of those of its groups that still exist. */
export type GroupReach = (ownerId: string, groups: readonly Types.ObjectId[]) => Promise<string[]>;

type CardPusher = Pick<Pusher, 'toRooms' | 'toEach' | 'toRoomsExcept'>;

export function createAlbumCardPush(pusher: CardPusher | undefined, groupReach: GroupReach) {
  async function send(ownerId: string, audience: Visible & { groups?: readonly Types.ObjectId[] }, album: AlbumDto): Promise<void> {
    if (!pusher) return;
    const owner = rooms.user(ownerId);
    if (audience.privacy === 'public') return pusher.toRooms([owner, rooms.guestbook(ownerId)], 'space:album', { album });
    if (audience.privacy === 'private') return pusher.toRooms(owner, 'space:album', { album });
    if (audience.privacy === 'groups') {
      const groupRooms = await groupReach(ownerId, audience.groups ?? []);
      // Several groups: one broadcast to their rooms, so that a member of two gets the card once.
      if (groupRooms.length <= 1) return pusher.toEach([owner, ...groupRooms], 'space:album', { album });
      pusher.toRooms(owner, 'space:album', { album });
      return pusher.toRooms(groupRooms, 'space:album', { album });
    }
    const except = (audience.except ?? []).map((id) => rooms.user(typeof id === 'string' ? id : id.toHexString()));
    pusher.toRooms(owner, 'space:album', { album });
    pusher.toRoomsExcept(rooms.audience(ownerId), except, 'space:album', { album });
  }

  return {
    /** The album's card as it is now (the whole card: a repeat or a late one does no harm). */
    changed(album: AlbumDto, audience: Visible & { groups?: readonly Types.ObjectId[] }): Promise<void> {
      return send(album.owner.id, audience, album);
    },

    /** The album is gone; told to those who could see it, and to those who had it open. */
    removed(ownerId: string, albumId: string, audience: Visible): void {
      const to =
        audience.privacy === 'public'
          ? [rooms.user(ownerId), rooms.guestbook(ownerId)]
          : audience.privacy === 'private'
            ? [rooms.user(ownerId)]
            : [rooms.user(ownerId), rooms.audience(ownerId)];
      pusher?.toRooms([...to, rooms.album(ownerId, albumId)], 'space:album:remove', { ownerId, albumId });
    },
  };
}
