import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { GroupService } from './service.js';

const groupWrite = { name: 'group-write', points: 120, perSeconds: 60 } as const;

export function groupRoutes(groups: GroupService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['GET /groups'],
      handler: ({ viewer }) => groups.list(viewer),
    }),
    defineEndpoint({
      ...apiRoutes['POST /groups'],
      rateLimit: groupWrite,
      status: 201,
      handler: ({ viewer, body }) => groups.create(viewer, body),
    }),
    defineEndpoint({
      ...apiRoutes['PATCH /groups/:id'],
      rateLimit: groupWrite,
      handler: ({ viewer, params, body }) => groups.update(viewer, params.id, body),
    }),
    defineEndpoint({
      ...apiRoutes['DELETE /groups/:id'],
      rateLimit: groupWrite,
      status: 204,
      handler: ({ viewer, params }) => groups.remove(viewer, params.id),
    }),
  ];
}
