import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { FanService } from './service.js';

const fanWrites = { name: 'fan-write', points: 120, perSeconds: 60 } as const;

export function fanRoutes(fans: FanService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['GET /spaces/:handle/fan'],
      handler: ({ viewer, params }) => fans.state(viewer, params.handle),
    }),
    defineEndpoint({
      ...apiRoutes['PUT /spaces/:handle/fan'],
      rateLimit: fanWrites,
      handler: ({ viewer, params }) => fans.follow(viewer, params.handle),
    }),
    defineEndpoint({
      ...apiRoutes['DELETE /spaces/:handle/fan'],
      rateLimit: fanWrites,
      handler: ({ viewer, params }) => fans.unfollow(viewer, params.handle),
    }),
    defineEndpoint({
      ...apiRoutes['POST /spaces/:handle/certify'],
      handler: ({ viewer, params, body }) => fans.certify(viewer, params.handle, body.certified),
    }),
  ];
}
