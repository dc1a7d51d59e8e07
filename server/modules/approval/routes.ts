import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { SpaceService } from '../spaces/service.js';
import type { ApprovalService } from './service.js';

/** Owner approval and the owner's guestbook replies: everything under /spaces/me that is v1.2 circles. */
export function approvalRoutes(approval: ApprovalService, spaces: SpaceService): Endpoint[] {
  return defineEndpoints({
    'GET /spaces/me/pending': { handler: ({ viewer }) => approval.pending(viewer) },
    'POST /spaces/me/pending/:kind/:id/approve': {
      rateLimit: spaces.limits.patch,
      handler: ({ viewer, params }) => approval.approve(viewer, params.kind, params.id),
    },
    'POST /spaces/me/pending/:kind/:id/reject': {
      rateLimit: spaces.limits.patch,
      status: 204,
      handler: ({ viewer, params }) => approval.reject(viewer, params.kind, params.id),
    },
    'PUT /spaces/me/guestbook/:id/reply': {
      rateLimit: spaces.limits.guestbook,
      handler: ({ viewer, params, body }) => spaces.guestbookOwner.reply(viewer, params.id, body),
    },
    'DELETE /spaces/me/guestbook/:id/reply': {
      rateLimit: spaces.limits.guestbook,
      status: 204,
      handler: ({ viewer, params }) => spaces.guestbookOwner.removeReply(viewer, params.id),
    },
  });
}
