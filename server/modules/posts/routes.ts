import type { CommentDto, PostDto } from '../../../shared/dto.js';
import { handleParams, idParams } from '../../../shared/schemas/common.js';
import { commentParams, createCommentBody, createPostBody, postPageQuery } from '../../../shared/schemas/posts.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { repostBody } from '../../../shared/schemas/social.js';
import type { PostService } from './service.js';
import * as responses from '../../../shared/schemas/dto/responses.js';

/** 202 for text a moderator must look at first, 201 otherwise. */
const createdOrHeld = (status: string | undefined) => (status === 'held' ? 202 : 201);

export function postRoutes(posts: PostService): Endpoint[] {
  return [
    defineEndpoint({
      method: 'post',
      path: '/posts',
      auth: true,
      body: createPostBody,
      rateLimit: posts.limits.createPost,
      status: (r: { post: PostDto }) => createdOrHeld(r.post.status),
      response: responses.post,
      handler: ({ viewer, body }) => posts.create(viewer, body),
    }),
    defineEndpoint({
      method: 'get',
      path: '/posts/:id',
      auth: false,
      params: idParams,
      response: responses.post,
      handler: ({ viewer, params }) => posts.get(viewer, params.id),
    }),
    defineEndpoint({
      method: 'delete',
      path: '/posts/:id',
      auth: true,
      params: idParams,
      status: 204,
      handler: ({ viewer, params }) => posts.remove(viewer, params.id),
    }),
    defineEndpoint({
      method: 'get',
      path: '/feed',
      auth: true,
      query: postPageQuery,
      response: responses.postPage,
      handler: ({ viewer, query }) => posts.feed(viewer, query),
    }),
    defineEndpoint({
      method: 'get',
      path: '/spaces/:handle/posts',
      auth: false,
      params: handleParams,
      query: postPageQuery,
      response: responses.postPage,
      handler: ({ viewer, params, query }) => posts.spacePosts(viewer, params.handle, query),
    }),
    defineEndpoint({
      method: 'post',
      path: '/posts/:id/comments',
      auth: true,
      params: idParams,
      body: createCommentBody,
      rateLimit: posts.limits.createComment,
      status: (r: { comment: CommentDto }) => createdOrHeld(r.comment.status),
      response: responses.comment,
      handler: ({ viewer, params, body }) => posts.createComment(viewer, params.id, body),
    }),
    defineEndpoint({
      method: 'get',
      path: '/posts/:id/comments',
      auth: false,
      params: idParams,
      response: responses.comments,
      handler: ({ viewer, params }) => posts.listComments(viewer, params.id),
    }),
    defineEndpoint({
      method: 'delete',
      path: '/posts/:id/comments/:commentId',
      auth: true,
      params: commentParams,
      status: 204,
      handler: ({ viewer, params }) => posts.removeComment(viewer, params.id, params.commentId),
    }),
    defineEndpoint({
      method: 'post',
      path: '/posts/:id/repost',
      auth: true,
      params: idParams,
      body: repostBody,
      rateLimit: posts.limits.createPost,
      status: (r: { post: PostDto }) => createdOrHeld(r.post.status),
      response: responses.post,
      handler: ({ viewer, params, body }) => posts.repost(viewer, params.id, body),
    }),
    defineEndpoint({
      method: 'put',
      path: '/posts/:id/like',
      auth: true,
      params: idParams,
      rateLimit: posts.limits.like,
      response: responses.likeState,
      handler: ({ viewer, params }) => posts.like(viewer, params.id),
    }),
    defineEndpoint({
      method: 'delete',
      path: '/posts/:id/like',
      auth: true,
      params: idParams,
      rateLimit: posts.limits.like,
      response: responses.likeState,
      handler: ({ viewer, params }) => posts.unlike(viewer, params.id),
    }),
  ];
}
