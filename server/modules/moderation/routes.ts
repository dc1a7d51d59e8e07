import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { ModerationQueue } from './queue.js';
import type { ModerationService } from './service.js';

const moderatorWrites = { name: 'moderation-write', points: 600, perSeconds: 60 } as const;

export function moderationRoutes(moderation: ModerationService, queue: ModerationQueue): Endpoint[] {
  return defineEndpoints({
    'POST /moderation/rules': {
      rateLimit: moderatorWrites,
      status: 201,
      handler: ({ viewer, body }) => moderation.createRule(viewer, body),
    },
    'GET /moderation/rules': { handler: () => moderation.listRules() },
    'DELETE /moderation/rules/:id': {
      rateLimit: moderatorWrites,
      status: 204,
      handler: ({ viewer, params }) => moderation.deleteRule(viewer, params.id),
    },
    'GET /moderation/queue': { handler: () => queue.list() },
    'POST /moderation/queue/:postId/approve': {
      rateLimit: moderatorWrites,
      handler: ({ viewer, params }) => queue.approve(viewer, params.postId),
    },
    'POST /moderation/queue/:postId/reject': {
      rateLimit: moderatorWrites,
      handler: ({ viewer, params }) => queue.reject(viewer, params.postId),
    },
    'POST /moderation/queue/comments/:id/approve': {
      rateLimit: moderatorWrites,
      handler: ({ viewer, params }) => queue.approveComment(viewer, params.id),
    },
    'POST /moderation/queue/comments/:id/reject': {
      rateLimit: moderatorWrites,
      handler: ({ viewer, params }) => queue.rejectComment(viewer, params.id),
    },
    'POST /moderation/posts/:postId/unpublish': {
      rateLimit: moderatorWrites,
      status: 204,
      handler: ({ viewer, params }) => queue.unpublish(viewer, params.postId),
    },
    'GET /moderation/audit': { handler: ({ viewer, query }) => moderation.listAudit(viewer, query) },
  });
}
