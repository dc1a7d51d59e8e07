import { handleParams } from '../../../shared/schemas/common.js';
import { certifyBody } from '../../../shared/schemas/moderation.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import type { FanService } from './service.js';
import * as responses from '../../../shared/schemas/dto/responses.js';

const fanWrites = { name: 'fan-write', points: 120, perSeconds: 60 } as const;

export function fanRoutes(fans: FanService): Endpoint[] {
  return [
    defineEndpoint({
      method: 'get',
      path: '/spaces/:handle/fan',
      auth: false,
      params: handleParams,
      response: responses.fanState,
      handler: ({ viewer, params }) => fans.state(viewer, params.handle),
    }),
    defineEndpoint({
      method: 'put',
      path: '/spaces/:handle/fan',
      auth: true,
      params: handleParams,
      rateLimit: fanWrites,
      response: responses.fanState,
      handler: ({ viewer, params }) => fans.follow(viewer, params.handle),
    }),
    defineEndpoint({
      method: 'delete',
      path: '/spaces/:handle/fan',
      auth: true,
      params: handleParams,
      rateLimit: fanWrites,
      response: responses.fanState,
      handler: ({ viewer, params }) => fans.unfollow(viewer, params.handle),
    }),
    defineEndpoint({
      method: 'post',
      path: '/spaces/:handle/certify',
      auth: 'moderator',
      params: handleParams,
      body: certifyBody,
      response: responses.certified,
      handler: ({ viewer, params, body }) => fans.certify(viewer, params.handle, body.certified),
    }),
  ];
}
