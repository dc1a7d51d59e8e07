/** Open album pages follow their album live: `album:watch` joins its room after the privacy check. */
import { defineSocketHandler, type SocketHandler } from '../../realtime/gateway.js';
import type { AlbumService } from './service.js';

export function albumSocketHandlers(albums: AlbumService): SocketHandler[] {
  return [
    defineSocketHandler({
      event: 'album:watch',
      rateLimit: { name: 'album-watch', points: 120, perSeconds: 60 },
      // An album the viewer may not see answers not_found, and no room is joined.
      handler: async ({ albumId }, { viewer, socket }) => {
        await socket.join(await albums.albumRoom(viewer, albumId));
        return {};
      },
    }),
    defineSocketHandler({
      event: 'album:unwatch',
      handler: async ({ albumId }, { socket }) => {
        for (const room of [...socket.rooms]) if (room.startsWith('p:') && room.endsWith(`:album:${albumId}`)) await socket.leave(room);
        return {};
      },
    }),
  ];
}
