import { defineSocketHandler, type SocketHandler } from '../../realtime/gateway.js';
import type { PostService } from './service.js';

/** Post rooms are named `p:<authorId>:<postId>` (realtime/rooms.ts); this finds one by post id. */
const isRoomOf = (room: string, postId: string) => room.startsWith('p:') && room.endsWith(`:${postId}`);

export function postSocketHandlers(posts: PostService): SocketHandler[] {
  return [
    defineSocketHandler({
      event: 'post:watch',
      // Each watch reads the post and the viewer's relation: a per-user budget across sockets and nodes.
      rateLimit: { name: 'post-watch', points: 120, perSeconds: 60 },
      // The room is joined only after the privacy check: a post the viewer may not see answers not_found.
      handler: async ({ postId }, { viewer, socket }) => {
        await socket.join(await posts.watchRoom(viewer, postId));
        return {};
      },
    }),
    defineSocketHandler({
      event: 'post:unwatch',
      handler: async ({ postId }, { socket }) => {
        for (const room of [...socket.rooms]) if (isRoomOf(room, postId)) await socket.leave(room);
        return {};
      },
    }),
  ];
}
