import { friendRequestBody } from '../../../shared/schemas/friends.js';
import { handleParams, idParams } from '../../../shared/schemas/common.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import type { FriendService } from './service.js';

export function friendRoutes(friends: FriendService): Endpoint[] {
  return [
    defineEndpoint({
      method: 'post',
      path: '/friends/requests',
      auth: true,
      body: friendRequestBody,
      rateLimit: friends.limits.request,
      status: 201,
      handler: ({ viewer, body }) => friends.request(viewer, body.to),
    }),
    defineEndpoint({
      method: 'get',
      path: '/friends/requests',
      auth: true,
      handler: ({ viewer }) => friends.listRequests(viewer),
    }),
    defineEndpoint({
      method: 'post',
      path: '/friends/requests/:id/accept',
      auth: true,
      params: idParams,
      handler: ({ viewer, params }) => friends.accept(viewer, params.id),
    }),
    defineEndpoint({
      method: 'post',
      path: '/friends/requests/:id/decline',
      auth: true,
      params: idParams,
      status: 204,
      handler: ({ viewer, params }) => friends.decline(viewer, params.id),
    }),
    defineEndpoint({
      method: 'get',
      path: '/friends',
      auth: true,
      handler: ({ viewer }) => friends.list(viewer),
    }),
    defineEndpoint({
      method: 'delete',
      path: '/friends/:handle',
      auth: true,
      params: handleParams,
      status: 204,
      handler: ({ viewer, params }) => friends.remove(viewer, params.handle),
    }),
  ];
}
