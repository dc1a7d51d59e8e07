import { handleParams } from '../../../shared/schemas/common.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import type { BlockService } from './service.js';
import * as responses from '../../../shared/schemas/dto/responses.js';

const blockWrites = { name: 'block-write', points: 120, perSeconds: 60 } as const;

export function blockRoutes(blocks: BlockService): Endpoint[] {
  return [
    defineEndpoint({
      method: 'put',
      path: '/blocks/:handle',
      auth: true,
      params: handleParams,
      rateLimit: blockWrites,
      status: 204,
      handler: ({ viewer, params }) => blocks.block(viewer, params.handle),
    }),
    defineEndpoint({
      method: 'delete',
      path: '/blocks/:handle',
      auth: true,
      params: handleParams,
      rateLimit: blockWrites,
      status: 204,
      handler: ({ viewer, params }) => blocks.unblock(viewer, params.handle),
    }),
    defineEndpoint({
      method: 'get',
      path: '/blocks',
      auth: true,
      response: responses.users,
      handler: ({ viewer }) => blocks.list(viewer),
    }),
  ];
}
