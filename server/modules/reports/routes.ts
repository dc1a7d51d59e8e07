import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { ReportService } from './service.js';

export function reportRoutes(reports: ReportService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['POST /reports'],
      rateLimit: { name: 'report-create', points: 30, perSeconds: 60 * 60 },
      status: 201,
      handler: ({ viewer, body }) => reports.create(viewer, body),
    }),
    defineEndpoint({
      ...apiRoutes['GET /moderation/reports'],
      handler: () => reports.list(),
    }),
    defineEndpoint({
      ...apiRoutes['POST /moderation/reports/:id/resolve'],
      rateLimit: { name: 'moderation-write', points: 600, perSeconds: 60 },
      handler: ({ viewer, params, body }) => reports.resolve(viewer, params.id, body),
    }),
  ];
}
