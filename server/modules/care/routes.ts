import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { CareService } from './service.js';

export function careRoutes(care: CareService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['PUT /friends/:handle/care'],
      rateLimit: care.limits.change,
      status: 204,
      handler: ({ viewer, params }) => care.care(viewer, params.handle),
    }),
    defineEndpoint({
      ...apiRoutes['DELETE /friends/:handle/care'],
      rateLimit: care.limits.change,
      status: 204,
      handler: ({ viewer, params }) => care.uncare(viewer, params.handle),
    }),
    defineEndpoint({
      ...apiRoutes['GET /friends/care'],
      handler: ({ viewer }) => care.list(viewer),
    }),
  ];
}
