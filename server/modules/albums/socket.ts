/** Open album pages follow their album live: `album:watch` joins its room after the privacy check. */
import type { SocketHandler } from '../../realtime/gateway.js';
import { defineSocketHandlers } from '../../realtime/handler-table.js';
import { isPageRoom, joinChecked, leaveRooms } from '../../realtime/watch-rooms.js';
import type { AlbumService } from './service.js';

export function albumSocketHandlers(albums: AlbumService): SocketHandler[] {
  return defineSocketHandlers({
    'album:watch': {
      rateLimit: { name: 'album-watch', points: 120, perSeconds: 60 },
      // An album the viewer may not see answers not_found, and no room is joined.
      handler: ({ albumId }, { viewer, socket }) => joinChecked(socket, albums.albumRoom(viewer, albumId)),
    },
    'album:unwatch': { handler: ({ albumId }, { socket }) => leaveRooms(socket, (room) => isPageRoom(room, `:album:${albumId}`)) },
  });
}
