import { defineSocketHandler, type SocketHandler } from '../../realtime/gateway.js';
import type { NotificationService } from './service.js';

export function notificationSocketHandlers(notifications: NotificationService): SocketHandler[] {
  return [
    defineSocketHandler({
      event: 'notifications:sync',
      rateLimit: { name: 'notifications-sync', points: 120, perSeconds: 60 },
      handler: ({ after, limit }, { viewer }) => notifications.list(viewer.id, after, limit),
    }),
  ];
}
