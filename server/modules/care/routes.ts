import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { CareService } from './service.js';

export function careRoutes(care: CareService): Endpoint[] {
  return defineEndpoints({
    'PUT /friends/:handle/care': {
      rateLimit: care.limits.change,
      status: 204,
      handler: ({ viewer, params }) => care.care(viewer, params.handle),
    },
    'DELETE /friends/:handle/care': {
      rateLimit: care.limits.change,
      status: 204,
      handler: ({ viewer, params }) => care.uncare(viewer, params.handle),
    },
    'GET /friends/care': { handler: ({ viewer }) => care.list(viewer) },
  });
}
