import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { ReportService } from './service.js';

export function reportRoutes(reports: ReportService): Endpoint[] {
  return defineEndpoints({
    'POST /reports': {
      rateLimit: { name: 'report-create', points: 30, perSeconds: 60 * 60 },
      status: 201,
      handler: ({ viewer, body }) => reports.create(viewer, body),
    },
    'GET /moderation/reports': { handler: () => reports.list() },
    'POST /moderation/reports/:id/resolve': {
      rateLimit: { name: 'moderation-write', points: 600, perSeconds: 60 },
      handler: ({ viewer, params, body }) => reports.resolve(viewer, params.id, body),
    },
  });
}
