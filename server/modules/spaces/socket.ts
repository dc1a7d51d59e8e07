import type { SocketHandler } from '../../realtime/gateway.js';
import { defineSocketHandlers } from '../../realtime/handler-table.js';
import { isPageRoom, joinChecked, leaveRooms } from '../../realtime/watch-rooms.js';
import type { SpaceService } from './service.js';

export function spaceSocketHandlers(spaces: SpaceService): SocketHandler[] {
  return defineSocketHandlers({
    'space:enter': {
      // Each visit writes: a per-user budget across sockets and nodes.
      rateLimit: { name: 'space-enter', points: 60, perSeconds: 60 },
      // Records the visit exactly as POST /api/spaces/:handle/visit does.
      handler: async ({ handle }, { viewer }) => {
        await spaces.visit(viewer, handle);
        return {};
      },
    },
    'guestbook:watch': {
      rateLimit: { name: 'guestbook-watch', points: 120, perSeconds: 60 },
      // Joined only after the check: a space whose owner blocks the viewer answers not_found.
      handler: ({ handle }, { viewer, socket }) => joinChecked(socket, spaces.guestbookRoom(viewer, handle)),
    },
    'space:watch': {
      rateLimit: { name: 'space-watch', points: 120, perSeconds: 60 },
      // One space at a time; joined only after the check (an owner who blocks the viewer answers not_found).
      handler: async ({ handle }, { viewer, socket }) => {
        const room = await spaces.spaceRoom(viewer, handle);
        await leaveRooms(socket, (other) => isPageRoom(other, ':space') && other !== room);
        await socket.join(room);
        return {};
      },
    },
    'space:unwatch': { handler: (_payload, { socket }) => leaveRooms(socket, (room) => isPageRoom(room, ':space')) },
    'guestbook:unwatch': {
      // A socket shows one guestbook at a time: leaving all of its guestbook rooms is leaving this one.
      handler: (_payload, { socket }) => leaveRooms(socket, (room) => isPageRoom(room, ':guestbook')),
    },
  });
}
