import type { SocketHandler } from '../../realtime/gateway.js';
import { defineSocketHandlers } from '../../realtime/handler-table.js';
import type { NotificationService } from './service.js';

export function notificationSocketHandlers(notifications: NotificationService): SocketHandler[] {
  return defineSocketHandlers({
    'notifications:sync': {
      rateLimit: { name: 'notifications-sync', points: 120, perSeconds: 60 },
      handler: ({ after, limit }, { viewer }) => notifications.list(viewer.id, after, limit),
    },
  });
}
