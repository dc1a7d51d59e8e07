import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { PostService } from './service.js';

/** 202 for text a moderator must look at first, 201 otherwise. */
const createdOrHeld = (status: string | undefined) => (status === 'held' ? 202 : 201);

export function postRoutes(posts: PostService): Endpoint[] {
  return defineEndpoints({
    'POST /posts': {
      rateLimit: posts.limits.createPost,
      // A diary's raw HTML may be 200,000 characters (up to 3 bytes each in UTF-8, plus JSON escapes).
      bodyLimit: 1024 * 1024,
      status: (r) => createdOrHeld(r.post.status),
      statuses: [201, 202],
      handler: ({ viewer, body }) => posts.create(viewer, body),
    },
    // v1.2: before `/posts/:id`, which would otherwise take `/posts/scheduled`.
    'GET /posts/scheduled': { handler: ({ viewer }) => posts.scheduledPosts(viewer) },
    'PATCH /posts/:id/schedule': {
      rateLimit: posts.limits.createPost,
      bodyLimit: 1024 * 1024,
      handler: ({ viewer, params, body }) => posts.editScheduled(viewer, params.id, body),
    },
    'GET /posts/:id': { handler: ({ viewer, params }) => posts.get(viewer, params.id) },
    'DELETE /posts/:id': { status: 204, handler: ({ viewer, params }) => posts.remove(viewer, params.id) },
    'GET /feed': { handler: ({ viewer, query }) => posts.feed(viewer, query) },
    'GET /spaces/:handle/posts': { handler: ({ viewer, params, query }) => posts.spacePosts(viewer, params.handle, query) },
    'POST /posts/:id/comments': {
      rateLimit: posts.limits.createComment,
      status: (r) => createdOrHeld(r.comment.status),
      statuses: [201, 202],
      handler: ({ viewer, params, body }) => posts.createComment(viewer, params.id, body),
    },
    'GET /posts/:id/comments': { handler: ({ viewer, params }) => posts.listComments(viewer, params.id) },
    'DELETE /posts/:id/comments/:commentId': {
      status: 204,
      handler: ({ viewer, params }) => posts.removeComment(viewer, params.id, params.commentId),
    },
    'POST /posts/:id/repost': {
      rateLimit: posts.limits.createPost,
      status: (r) => createdOrHeld(r.post.status),
      statuses: [201, 202],
      handler: ({ viewer, params, body }) => posts.repost(viewer, params.id, body),
    },
    'PUT /posts/:id/like': { rateLimit: posts.limits.like, handler: ({ viewer, params }) => posts.like(viewer, params.id) },
    'DELETE /posts/:id/like': { rateLimit: posts.limits.like, handler: ({ viewer, params }) => posts.unlike(viewer, params.id) },
    'GET /posts/:id/likes': { handler: ({ viewer, params, query }) => posts.likers(viewer, params.id, query) },
  });
}
