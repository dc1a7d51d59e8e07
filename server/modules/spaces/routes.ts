import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { SpaceService } from './service.js';

export function spaceRoutes(spaces: SpaceService): Endpoint[] {
  return defineEndpoints({
    // /spaces/me is not a handle (handles are at least 3 characters), so it cannot shadow one.
    'PATCH /spaces/me': { rateLimit: spaces.limits.patch, handler: ({ viewer, body }) => spaces.patch(viewer, body) },
    'POST /spaces/me/modules/restore': { rateLimit: spaces.limits.patch, handler: ({ viewer }) => spaces.restoreModules(viewer) },
    'GET /spaces/:handle': { handler: ({ params, viewer }) => spaces.get(params.handle, viewer) },
    'POST /spaces/:handle/visit': { status: 204, handler: ({ viewer, params }) => spaces.visit(viewer, params.handle) },
    'GET /spaces/:handle/visitors': { handler: ({ viewer, params, query }) => spaces.visitors(viewer, params.handle, query.limit) },
    'GET /spaces/:handle/guestbook': { handler: ({ viewer, params, query }) => spaces.guestbookEntries(viewer, params.handle, query) },
    'POST /spaces/:handle/guestbook': {
      rateLimit: spaces.limits.guestbook,
      status: 201,
      handler: ({ viewer, params, body }) => spaces.signGuestbook(viewer, params.handle, body),
    },
    'DELETE /spaces/:handle/guestbook/:id': {
      status: 204,
      handler: ({ viewer, params }) => spaces.deleteGuestbookEntry(viewer, params.handle, params.id),
    },
  });
}
