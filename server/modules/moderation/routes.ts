import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { ModerationService } from './service.js';

const moderatorWrites = { name: 'moderation-write', points: 600, perSeconds: 60 } as const;

export function moderationRoutes(moderation: ModerationService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['POST /moderation/rules'],
      rateLimit: moderatorWrites,
      status: 201,
      handler: ({ viewer, body }) => moderation.createRule(viewer, body),
    }),
    defineEndpoint({
      ...apiRoutes['GET /moderation/rules'],
      handler: () => moderation.listRules(),
    }),
    defineEndpoint({
      ...apiRoutes['DELETE /moderation/rules/:id'],
      rateLimit: moderatorWrites,
      status: 204,
      handler: ({ viewer, params }) => moderation.deleteRule(viewer, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['GET /moderation/queue'],
      handler: () => moderation.listQueue(),
    }),
    defineEndpoint({
      ...apiRoutes['POST /moderation/queue/:postId/approve'],
      rateLimit: moderatorWrites,
      handler: ({ viewer, params }) => moderation.approve(viewer, params.postId),
    }),
    defineEndpoint({
      ...apiRoutes['POST /moderation/queue/:postId/reject'],
      rateLimit: moderatorWrites,
      handler: ({ viewer, params }) => moderation.reject(viewer, params.postId),
    }),
    defineEndpoint({
      ...apiRoutes['POST /moderation/queue/comments/:id/approve'],
      rateLimit: moderatorWrites,
      handler: ({ viewer, params }) => moderation.approveComment(viewer, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['POST /moderation/queue/comments/:id/reject'],
      rateLimit: moderatorWrites,
      handler: ({ viewer, params }) => moderation.rejectComment(viewer, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['POST /moderation/posts/:postId/unpublish'],
      rateLimit: moderatorWrites,
      status: 204,
      handler: ({ viewer, params }) => moderation.unpublish(viewer, params.postId),
    }),
    defineEndpoint({
      ...apiRoutes['GET /moderation/audit'],
      handler: ({ viewer, query }) => moderation.listAudit(viewer, query),
    }),
  ];
}
