import { empty, handleParams } from '../../../shared/schemas/common.js';
import { guestbookBody, guestbookEntryParams, guestbookQuery, spacePatchBody, visitorsQuery } from '../../../shared/schemas/spaces.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import type { SpaceService } from './service.js';
import * as responses from '../../../shared/schemas/dto/responses.js';

export function spaceRoutes(spaces: SpaceService): Endpoint[] {
  return [
    // /spaces/me is not a handle (handles are at least 3 characters), so it cannot shadow one.
    defineEndpoint({
      method: 'patch',
      path: '/spaces/me',
      auth: true,
      body: spacePatchBody,
      rateLimit: spaces.limits.patch,
      response: responses.space,
      handler: ({ viewer, body }) => spaces.patch(viewer, body),
    }),
    defineEndpoint({
      method: 'post',
      path: '/spaces/me/modules/restore',
      auth: true,
      body: empty,
      rateLimit: spaces.limits.patch,
      response: responses.space,
      handler: ({ viewer }) => spaces.restoreModules(viewer),
    }),
    defineEndpoint({
      method: 'get',
      path: '/spaces/:handle',
      auth: false,
      params: handleParams,
      response: responses.space,
      handler: ({ params, viewer }) => spaces.get(params.handle, viewer),
    }),
    defineEndpoint({
      method: 'post',
      path: '/spaces/:handle/visit',
      auth: true,
      params: handleParams,
      status: 204,
      handler: ({ viewer, params }) => spaces.visit(viewer, params.handle),
    }),
    defineEndpoint({
      method: 'get',
      path: '/spaces/:handle/visitors',
      auth: true,
      params: handleParams,
      query: visitorsQuery,
      response: responses.visitors,
      handler: ({ viewer, params, query }) => spaces.visitors(viewer, params.handle, query.limit),
    }),
    defineEndpoint({
      method: 'get',
      path: '/spaces/:handle/guestbook',
      auth: false,
      params: handleParams,
      query: guestbookQuery,
      response: responses.guestbookPage,
      handler: ({ viewer, params, query }) => spaces.guestbookEntries(viewer, params.handle, query),
    }),
    defineEndpoint({
      method: 'post',
      path: '/spaces/:handle/guestbook',
      auth: true,
      params: handleParams,
      body: guestbookBody,
      rateLimit: spaces.limits.guestbook,
      status: 201,
      response: responses.guestbookEntry,
      handler: ({ viewer, params, body }) => spaces.signGuestbook(viewer, params.handle, body),
    }),
    defineEndpoint({
      method: 'delete',
      path: '/spaces/:handle/guestbook/:id',
      auth: true,
      params: guestbookEntryParams,
      status: 204,
      handler: ({ viewer, params }) => spaces.deleteGuestbookEntry(viewer, params.handle, params.id),
    }),
  ];
}
