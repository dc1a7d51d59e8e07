import type { SocketHandler } from '../../realtime/gateway.js';
import { defineSocketHandlers } from '../../realtime/handler-table.js';
import { isPageRoom, joinChecked, leaveRooms } from '../../realtime/watch-rooms.js';
import type { PostService } from './service.js';

export function postSocketHandlers(posts: PostService): SocketHandler[] {
  return defineSocketHandlers({
    'post:watch': {
      // Each watch reads the post and the viewer's relation: a per-user budget across sockets and nodes.
      rateLimit: { name: 'post-watch', points: 120, perSeconds: 60 },
      // The room is joined only after the privacy check: a post the viewer may not see answers not_found.
      handler: ({ postId }, { viewer, socket }) => joinChecked(socket, posts.watchRoom(viewer, postId)),
    },
    'post:unwatch': {
      // Post rooms are named `p:<authorId>:<postId>`: found by post id alone.
      handler: ({ postId }, { socket }) => leaveRooms(socket, (room) => isPageRoom(room, `:${postId}`)),
    },
  });
}
