import {
  markReadBody,
  notificationListQuery,
  notificationSettingsBody,
} from '../../../shared/schemas/notifications.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import type { NotificationService } from './service.js';
import * as responses from '../../../shared/schemas/dto/responses.js';

export function notificationRoutes(notifications: NotificationService): Endpoint[] {
  return [
    defineEndpoint({
      method: 'get',
      path: '/notifications',
      auth: true,
      query: notificationListQuery,
      rateLimit: { name: 'notifications-list', points: 240, perSeconds: 60 },
      response: responses.notifications,
      handler: ({ viewer, query }) => notifications.list(viewer.id, query.after, query.limit),
    }),
    defineEndpoint({
      method: 'post',
      path: '/notifications/read',
      auth: true,
      body: markReadBody,
      rateLimit: { name: 'notifications-read', points: 120, perSeconds: 60 },
      response: responses.unread,
      handler: ({ viewer, body }) => notifications.markRead(viewer.id, body.upTo),
    }),
    defineEndpoint({
      method: 'get',
      path: '/notifications/settings',
      auth: true,
      response: responses.muted,
      handler: ({ viewer }) => notifications.getSettings(viewer.id),
    }),
    defineEndpoint({
      method: 'put',
      path: '/notifications/settings',
      auth: true,
      body: notificationSettingsBody,
      rateLimit: { name: 'notifications-settings', points: 30, perSeconds: 60 },
      response: responses.muted,
      handler: ({ viewer, body }) => notifications.putSettings(viewer.id, body.muted),
    }),
  ];
}
