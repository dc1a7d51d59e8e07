import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { SpaceService } from './service.js';

export function spaceRoutes(spaces: SpaceService): Endpoint[] {
  return [
    // /spaces/me is not a handle (handles are at least 3 characters), so it cannot shadow one.
    defineEndpoint({
      ...apiRoutes['PATCH /spaces/me'],
      rateLimit: spaces.limits.patch,
      handler: ({ viewer, body }) => spaces.patch(viewer, body),
    }),
    defineEndpoint({
      ...apiRoutes['POST /spaces/me/modules/restore'],
      rateLimit: spaces.limits.patch,
      handler: ({ viewer }) => spaces.restoreModules(viewer),
    }),
    defineEndpoint({
      ...apiRoutes['GET /spaces/:handle'],
      handler: ({ params, viewer }) => spaces.get(params.handle, viewer),
    }),
    defineEndpoint({
      ...apiRoutes['POST /spaces/:handle/visit'],
      status: 204,
      handler: ({ viewer, params }) => spaces.visit(viewer, params.handle),
    }),
    defineEndpoint({
      ...apiRoutes['GET /spaces/:handle/visitors'],
      handler: ({ viewer, params, query }) => spaces.visitors(viewer, params.handle, query.limit),
    }),
    defineEndpoint({
      ...apiRoutes['GET /spaces/:handle/guestbook'],
      handler: ({ viewer, params, query }) => spaces.guestbookEntries(viewer, params.handle, query),
    }),
    defineEndpoint({
      ...apiRoutes['POST /spaces/:handle/guestbook'],
      rateLimit: spaces.limits.guestbook,
      status: 201,
      handler: ({ viewer, params, body }) => spaces.signGuestbook(viewer, params.handle, body),
    }),
    defineEndpoint({
      ...apiRoutes['DELETE /spaces/:handle/guestbook/:id'],
      status: 204,
      handler: ({ viewer, params }) => spaces.deleteGuestbookEntry(viewer, params.handle, params.id),
    }),
  ];
}
