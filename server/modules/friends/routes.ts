import { friendRequestBody } from '../../../shared/schemas/friends.js';
import { handleParams, idParams } from '../../../shared/schemas/common.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import type { FriendService } from './service.js';
import * as responses from '../../../shared/schemas/dto/responses.js';

export function friendRoutes(friends: FriendService): Endpoint[] {
  return [
    defineEndpoint({
      method: 'post',
      path: '/friends/requests',
      auth: true,
      body: friendRequestBody,
      rateLimit: friends.limits.request,
      status: 201,
      response: responses.friendRequest,
      handler: ({ viewer, body }) => friends.request(viewer, body.to),
    }),
    defineEndpoint({
      method: 'get',
      path: '/friends/requests',
      auth: true,
      response: responses.friendRequests,
      handler: ({ viewer }) => friends.listRequests(viewer),
    }),
    defineEndpoint({
      method: 'post',
      path: '/friends/requests/:id/accept',
      auth: true,
      params: idParams,
      response: responses.friend,
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
      response: responses.friends,
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
