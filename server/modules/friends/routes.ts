import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { FriendService } from './service.js';

export function friendRoutes(friends: FriendService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['POST /friends/requests'],
      rateLimit: friends.limits.request,
      status: 201,
      handler: ({ viewer, body }) => friends.request(viewer, body.to),
    }),
    defineEndpoint({
      ...apiRoutes['GET /friends/requests'],
      handler: ({ viewer }) => friends.listRequests(viewer),
    }),
    defineEndpoint({
      ...apiRoutes['POST /friends/requests/:id/accept'],
      handler: ({ viewer, params }) => friends.accept(viewer, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['POST /friends/requests/:id/decline'],
      status: 204,
      handler: ({ viewer, params }) => friends.decline(viewer, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['GET /friends'],
      handler: ({ viewer }) => friends.list(viewer),
    }),
    defineEndpoint({
      ...apiRoutes['DELETE /friends/:handle'],
      status: 204,
      handler: ({ viewer, params }) => friends.remove(viewer, params.handle),
    }),
  ];
}
