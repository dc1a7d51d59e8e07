import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { BlockService } from './service.js';

const blockWrites = { name: 'block-write', points: 120, perSeconds: 60 } as const;

export function blockRoutes(blocks: BlockService): Endpoint[] {
  return defineEndpoints({
    'PUT /blocks/:handle': { rateLimit: blockWrites, status: 204, handler: ({ viewer, params }) => blocks.block(viewer, params.handle) },
    'DELETE /blocks/:handle': {
      rateLimit: blockWrites,
      status: 204,
      handler: ({ viewer, params }) => blocks.unblock(viewer, params.handle),
    },
    'GET /blocks': { handler: ({ viewer }) => blocks.list(viewer) },
  });
}
