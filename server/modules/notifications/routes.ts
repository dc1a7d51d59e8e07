import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { NotificationService } from './service.js';

export function notificationRoutes(notifications: NotificationService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['GET /notifications'],
      rateLimit: { name: 'notifications-list', points: 240, perSeconds: 60 },
      handler: ({ viewer, query }) => notifications.list(viewer.id, query.after, query.limit),
    }),
    defineEndpoint({
      ...apiRoutes['POST /notifications/read'],
      rateLimit: { name: 'notifications-read', points: 120, perSeconds: 60 },
      handler: ({ viewer, body }) => notifications.markRead(viewer.id, body.upTo),
    }),
    defineEndpoint({
      ...apiRoutes['GET /notifications/settings'],
      handler: ({ viewer }) => notifications.getSettings(viewer.id),
    }),
    defineEndpoint({
      ...apiRoutes['PUT /notifications/settings'],
      rateLimit: { name: 'notifications-settings', points: 30, perSeconds: 60 },
      handler: ({ viewer, body }) => notifications.putSettings(viewer.id, body.muted),
    }),
  ];
}
