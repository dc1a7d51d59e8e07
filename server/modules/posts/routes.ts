import type { CommentDto, PostDto } from '../../../shared/dto.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { PostService } from './service.js';

/** 202 for text a moderator must look at first, 201 otherwise. */
const createdOrHeld = (status: string | undefined) => (status === 'held' ? 202 : 201);

export function postRoutes(posts: PostService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['POST /posts'],
      rateLimit: posts.limits.createPost,
      // A diary's raw HTML may be 200,000 characters (up to 3 bytes each in UTF-8, plus JSON escapes).
      bodyLimit: 1024 * 1024,
      status: (r: { post: PostDto }) => createdOrHeld(r.post.status),
      statuses: [201, 202],
      handler: ({ viewer, body }) => posts.create(viewer, body),
    }),
    // v1.2: before `/posts/:id`, which would otherwise take `/posts/scheduled`.
    defineEndpoint({
      ...apiRoutes['GET /posts/scheduled'],
      handler: ({ viewer }) => posts.scheduledPosts(viewer),
    }),
    defineEndpoint({
      ...apiRoutes['PATCH /posts/:id/schedule'],
      rateLimit: posts.limits.createPost,
      bodyLimit: 1024 * 1024,
      handler: ({ viewer, params, body }) => posts.editScheduled(viewer, params.id, body),
    }),
    defineEndpoint({
      ...apiRoutes['GET /posts/:id'],
      handler: ({ viewer, params }) => posts.get(viewer, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['DELETE /posts/:id'],
      status: 204,
      handler: ({ viewer, params }) => posts.remove(viewer, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['GET /feed'],
      handler: ({ viewer, query }) => posts.feed(viewer, query),
    }),
    defineEndpoint({
      ...apiRoutes['GET /spaces/:handle/posts'],
      handler: ({ viewer, params, query }) => posts.spacePosts(viewer, params.handle, query),
    }),
    defineEndpoint({
      ...apiRoutes['POST /posts/:id/comments'],
      rateLimit: posts.limits.createComment,
      status: (r: { comment: CommentDto }) => createdOrHeld(r.comment.status),
      statuses: [201, 202],
      handler: ({ viewer, params, body }) => posts.createComment(viewer, params.id, body),
    }),
    defineEndpoint({
      ...apiRoutes['GET /posts/:id/comments'],
      handler: ({ viewer, params }) => posts.listComments(viewer, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['DELETE /posts/:id/comments/:commentId'],
      status: 204,
      handler: ({ viewer, params }) => posts.removeComment(viewer, params.id, params.commentId),
    }),
    defineEndpoint({
      ...apiRoutes['POST /posts/:id/repost'],
      rateLimit: posts.limits.createPost,
      status: (r: { post: PostDto }) => createdOrHeld(r.post.status),
      statuses: [201, 202],
      handler: ({ viewer, params, body }) => posts.repost(viewer, params.id, body),
    }),
    defineEndpoint({
      ...apiRoutes['PUT /posts/:id/like'],
      rateLimit: posts.limits.like,
      handler: ({ viewer, params }) => posts.like(viewer, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['DELETE /posts/:id/like'],
      rateLimit: posts.limits.like,
      handler: ({ viewer, params }) => posts.unlike(viewer, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['GET /posts/:id/likes'],
      handler: ({ viewer, params, query }) => posts.likers(viewer, params.id, query),
    }),
  ];
}
