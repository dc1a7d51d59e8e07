import { idParams } from '../../../shared/schemas/common.js';
import { reportBody, resolveReportBody } from '../../../shared/schemas/social.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import type { ReportService } from './service.js';
import * as responses from '../../../shared/schemas/dto/responses.js';

export function reportRoutes(reports: ReportService): Endpoint[] {
  return [
    defineEndpoint({
      method: 'post',
      path: '/reports',
      auth: true,
      body: reportBody,
      rateLimit: { name: 'report-create', points: 30, perSeconds: 60 * 60 },
      status: 201,
      response: responses.report,
      handler: ({ viewer, body }) => reports.create(viewer, body),
    }),
    defineEndpoint({
      method: 'get',
      path: '/moderation/reports',
      auth: 'moderator',
      response: responses.reports,
      handler: () => reports.list(),
    }),
    defineEndpoint({
      method: 'post',
      path: '/moderation/reports/:id/resolve',
      auth: 'moderator',
      params: idParams,
      body: resolveReportBody,
      rateLimit: { name: 'moderation-write', points: 600, perSeconds: 60 },
      response: responses.report,
      handler: ({ viewer, params, body }) => reports.resolve(viewer, params.id, body),
    }),
  ];
}
