import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { SpaceService } from '../spaces/service.js';
import type { ApprovalService } from './service.js';

/** Owner approval and the owner's guestbook replies: everything under /spaces/me that is v1.2 circles. */
export function approvalRoutes(approval: ApprovalService, spaces: SpaceService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['GET /spaces/me/pending'],
      handler: ({ viewer }) => approval.pending(viewer),
    }),
    defineEndpoint({
      ...apiRoutes['POST /spaces/me/pending/:kind/:id/approve'],
      rateLimit: spaces.limits.patch,
      handler: ({ viewer, params }) => approval.approve(viewer, params.kind, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['POST /spaces/me/pending/:kind/:id/reject'],
      rateLimit: spaces.limits.patch,
      status: 204,
      handler: ({ viewer, params }) => approval.reject(viewer, params.kind, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['PUT /spaces/me/guestbook/:id/reply'],
      rateLimit: spaces.limits.guestbook,
      handler: ({ viewer, params, body }) => spaces.guestbookOwner.reply(viewer, params.id, body),
    }),
    defineEndpoint({
      ...apiRoutes['DELETE /spaces/me/guestbook/:id/reply'],
      rateLimit: spaces.limits.guestbook,
      status: 204,
      handler: ({ viewer, params }) => spaces.guestbookOwner.removeReply(viewer, params.id),
    }),
  ];
}
