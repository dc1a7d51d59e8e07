import { defineSocketHandler, type SocketHandler } from '../../realtime/gateway.js';
import type { SpaceService } from './service.js';

export function spaceSocketHandlers(spaces: SpaceService): SocketHandler[] {
  return [
    defineSocketHandler({
      event: 'space:enter',
      // Each visit writes: a per-user budget across sockets and nodes.
      rateLimit: { name: 'space-enter', points: 60, perSeconds: 60 },
      // Records the visit exactly as POST /api/spaces/:handle/visit does.
      handler: async ({ handle }, { viewer }) => {
        await spaces.visit(viewer, handle);
        return {};
      },
    }),
    defineSocketHandler({
      event: 'guestbook:watch',
      rateLimit: { name: 'guestbook-watch', points: 120, perSeconds: 60 },
      // Joined only after the check: a space whose owner blocks the viewer answers not_found.
      handler: async ({ handle }, { viewer, socket }) => {
        await socket.join(await spaces.guestbookRoom(viewer, handle));
        return {};
      },
    }),
    defineSocketHandler({
      event: 'space:watch',
      rateLimit: { name: 'space-watch', points: 120, perSeconds: 60 },
      // One space at a time; joined only after the check (an owner who blocks the viewer answers not_found).
      handler: async ({ handle }, { viewer, socket }) => {
        const room = await spaces.spaceRoom(viewer, handle);
        for (const r of [...socket.rooms]) if (r.startsWith('p:') && r.endsWith(':space') && r !== room) await socket.leave(r);
        await socket.join(room);
        return {};
      },
    }),
    defineSocketHandler({
      event: 'space:unwatch',
      handler: async (_payload, { socket }) => {
        for (const room of [...socket.rooms]) if (room.startsWith('p:') && room.endsWith(':space')) await socket.leave(room);
        return {};
      },
    }),
    defineSocketHandler({
      event: 'guestbook:unwatch',
      handler: async (_payload, { socket }) => {
        // A socket shows one guestbook at a time: leaving all of its guestbook rooms is leaving this one.
        for (const room of [...socket.rooms]) if (room.startsWith('p:') && room.endsWith(':guestbook')) await socket.leave(room);
        return {};
      },
    }),
  ];
}
