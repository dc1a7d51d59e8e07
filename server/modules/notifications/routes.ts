import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { NotificationService } from './service.js';

export function notificationRoutes(notifications: NotificationService): Endpoint[] {
  return defineEndpoints({
    'GET /notifications': {
      rateLimit: { name: 'notifications-list', points: 240, perSeconds: 60 },
      handler: ({ viewer, query }) => notifications.list(viewer.id, query.after, query.limit),
    },
    'POST /notifications/read': {
      rateLimit: { name: 'notifications-read', points: 120, perSeconds: 60 },
      handler: ({ viewer, body }) => notifications.markRead(viewer.id, body.upTo),
    },
    'GET /notifications/settings': { handler: ({ viewer }) => notifications.getSettings(viewer.id) },
    'PUT /notifications/settings': {
      rateLimit: { name: 'notifications-settings', points: 30, perSeconds: 60 },
      handler: ({ viewer, body }) => notifications.putSettings(viewer.id, body.muted),
    },
  });
}
