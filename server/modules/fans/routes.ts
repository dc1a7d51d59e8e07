import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { FanService } from './service.js';

const fanWrites = { name: 'fan-write', points: 120, perSeconds: 60 } as const;

export function fanRoutes(fans: FanService): Endpoint[] {
  return defineEndpoints({
    'GET /spaces/:handle/fan': { handler: ({ viewer, params }) => fans.state(viewer, params.handle) },
    'PUT /spaces/:handle/fan': { rateLimit: fanWrites, handler: ({ viewer, params }) => fans.follow(viewer, params.handle) },
    'DELETE /spaces/:handle/fan': { rateLimit: fanWrites, handler: ({ viewer, params }) => fans.unfollow(viewer, params.handle) },
    'POST /spaces/:handle/certify': { handler: ({ viewer, params, body }) => fans.certify(viewer, params.handle, body.certified) },
  });
}
