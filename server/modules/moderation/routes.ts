import { idParams } from '../../../shared/schemas/common.js';
import { auditQuery, postIdParams, ruleBody } from '../../../shared/schemas/moderation.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import type { ModerationService } from './service.js';

const moderatorWrites = { name: 'moderation-write', points: 600, perSeconds: 60 } as const;

export function moderationRoutes(moderation: ModerationService): Endpoint[] {
  return [
    defineEndpoint({
      method: 'post',
      path: '/moderation/rules',
      auth: true,
      body: ruleBody,
      rateLimit: moderatorWrites,
      status: 201,
      handler: ({ viewer, body }) => moderation.createRule(viewer, body),
    }),
    defineEndpoint({
      method: 'get',
      path: '/moderation/rules',
      auth: true,
      handler: ({ viewer }) => moderation.listRules(viewer),
    }),
    defineEndpoint({
      method: 'delete',
      path: '/moderation/rules/:id',
      auth: true,
      params: idParams,
      rateLimit: moderatorWrites,
      status: 204,
      handler: ({ viewer, params }) => moderation.deleteRule(viewer, params.id),
    }),
    defineEndpoint({
      method: 'get',
      path: '/moderation/queue',
      auth: true,
      handler: ({ viewer }) => moderation.listQueue(viewer),
    }),
    defineEndpoint({
      method: 'post',
      path: '/moderation/queue/:postId/approve',
      auth: true,
      params: postIdParams,
      rateLimit: moderatorWrites,
      handler: ({ viewer, params }) => moderation.approve(viewer, params.postId),
    }),
    defineEndpoint({
      method: 'post',
      path: '/moderation/queue/:postId/reject',
      auth: true,
      params: postIdParams,
      rateLimit: moderatorWrites,
      handler: ({ viewer, params }) => moderation.reject(viewer, params.postId),
    }),
    defineEndpoint({
      method: 'post',
      path: '/moderation/queue/comments/:id/approve',
      auth: true,
      params: idParams,
      rateLimit: moderatorWrites,
      handler: ({ viewer, params }) => moderation.approveComment(viewer, params.id),
    }),
    defineEndpoint({
      method: 'post',
      path: '/moderation/queue/comments/:id/reject',
      auth: true,
      params: idParams,
      rateLimit: moderatorWrites,
      handler: ({ viewer, params }) => moderation.rejectComment(viewer, params.id),
    }),
    defineEndpoint({
      method: 'post',
      path: '/moderation/posts/:postId/unpublish',
      auth: true,
      params: postIdParams,
      rateLimit: moderatorWrites,
      status: 204,
      handler: ({ viewer, params }) => moderation.unpublish(viewer, params.postId),
    }),
    defineEndpoint({
      method: 'get',
      path: '/moderation/audit',
      auth: true,
      query: auditQuery,
      handler: ({ viewer, query }) => moderation.listAudit(viewer, query),
    }),
  ];
}
