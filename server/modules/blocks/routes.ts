import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { BlockService } from './service.js';

const blockWrites = { name: 'block-write', points: 120, perSeconds: 60 } as const;

export function blockRoutes(blocks: BlockService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['PUT /blocks/:handle'],
      rateLimit: blockWrites,
      status: 204,
      handler: ({ viewer, params }) => blocks.block(viewer, params.handle),
    }),
    defineEndpoint({
      ...apiRoutes['DELETE /blocks/:handle'],
      rateLimit: blockWrites,
      status: 204,
      handler: ({ viewer, params }) => blocks.unblock(viewer, params.handle),
    }),
    defineEndpoint({
      ...apiRoutes['GET /blocks'],
      handler: ({ viewer }) => blocks.list(viewer),
    }),
  ];
}
