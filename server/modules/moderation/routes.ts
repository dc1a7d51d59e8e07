import { idParams } from '../../../shared/schemas/common.js';
import { auditQuery, postIdParams, ruleBody } from '../../../shared/schemas/moderation.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import type { ModerationService } from './service.js';
import * as responses from '../../../shared/schemas/dto/responses.js';

const moderatorWrites = { name: 'moderation-write', points: 600, perSeconds: 60 } as const;

export function moderationRoutes(moderation: ModerationService): Endpoint[] {
  return [
    defineEndpoint({
      method: 'post',
      path: '/moderation/rules',
      auth: 'moderator',
      body: ruleBody,
      rateLimit: moderatorWrites,
      status: 201,
      response: responses.rule,
      handler: ({ viewer, body }) => moderation.createRule(viewer, body),
    }),
    defineEndpoint({
      method: 'get',
      path: '/moderation/rules',
      auth: 'moderator',
      response: responses.rules,
      handler: () => moderation.listRules(),
    }),
    defineEndpoint({
      method: 'delete',
      path: '/moderation/rules/:id',
      auth: 'moderator',
      params: idParams,
      rateLimit: moderatorWrites,
      status: 204,
      handler: ({ viewer, params }) => moderation.deleteRule(viewer, params.id),
    }),
    defineEndpoint({
      method: 'get',
      path: '/moderation/queue',
      auth: 'moderator',
      response: responses.queue,
      handler: () => moderation.listQueue(),
    }),
    defineEndpoint({
      method: 'post',
      path: '/moderation/queue/:postId/approve',
      auth: 'moderator',
      params: postIdParams,
      rateLimit: moderatorWrites,
      response: responses.post,
      handler: ({ viewer, params }) => moderation.approve(viewer, params.postId),
    }),
    defineEndpoint({
      method: 'post',
      path: '/moderation/queue/:postId/reject',
      auth: 'moderator',
      params: postIdParams,
      rateLimit: moderatorWrites,
      response: responses.post,
      handler: ({ viewer, params }) => moderation.reject(viewer, params.postId),
    }),
    defineEndpoint({
      method: 'post',
      path: '/moderation/queue/comments/:id/approve',
      auth: 'moderator',
      params: idParams,
      rateLimit: moderatorWrites,
      response: responses.comment,
      handler: ({ viewer, params }) => moderation.approveComment(viewer, params.id),
    }),
    defineEndpoint({
      method: 'post',
      path: '/moderation/queue/comments/:id/reject',
      auth: 'moderator',
      params: idParams,
      rateLimit: moderatorWrites,
      response: responses.comment,
      handler: ({ viewer, params }) => moderation.rejectComment(viewer, params.id),
    }),
    defineEndpoint({
      method: 'post',
      path: '/moderation/posts/:postId/unpublish',
      auth: 'moderator',
      params: postIdParams,
      rateLimit: moderatorWrites,
      status: 204,
      handler: ({ viewer, params }) => moderation.unpublish(viewer, params.postId),
    }),
    defineEndpoint({
      method: 'get',
      path: '/moderation/audit',
      auth: 'moderator',
      query: auditQuery,
      response: responses.audit,
      handler: ({ viewer, query }) => moderation.listAudit(viewer, query),
    }),
  ];
}
