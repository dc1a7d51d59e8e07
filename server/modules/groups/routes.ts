import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { GroupService } from './service.js';

const groupWrite = { name: 'group-write', points: 120, perSeconds: 60 } as const;

export function groupRoutes(groups: GroupService): Endpoint[] {
  return defineEndpoints({
    'GET /groups': { handler: ({ viewer }) => groups.list(viewer) },
    'POST /groups': { rateLimit: groupWrite, status: 201, handler: ({ viewer, body }) => groups.create(viewer, body) },
    'PATCH /groups/:id': { rateLimit: groupWrite, handler: ({ viewer, params, body }) => groups.update(viewer, params.id, body) },
    'DELETE /groups/:id': { rateLimit: groupWrite, status: 204, handler: ({ viewer, params }) => groups.remove(viewer, params.id) },
  });
}
