import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { FriendService } from './service.js';

export function friendRoutes(friends: FriendService): Endpoint[] {
  return defineEndpoints({
    'POST /friends/requests': {
      rateLimit: friends.limits.request,
      status: 201,
      handler: ({ viewer, body }) => friends.request(viewer, body.to),
    },
    'GET /friends/requests': { handler: ({ viewer }) => friends.listRequests(viewer) },
    'POST /friends/requests/:id/accept': { handler: ({ viewer, params }) => friends.accept(viewer, params.id) },
    'POST /friends/requests/:id/decline': { status: 204, handler: ({ viewer, params }) => friends.decline(viewer, params.id) },
    'GET /friends': { handler: ({ viewer }) => friends.list(viewer) },
    'DELETE /friends/:handle': { status: 204, handler: ({ viewer, params }) => friends.remove(viewer, params.handle) },
  });
}
