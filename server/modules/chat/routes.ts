import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { ChatService } from './service.js';

export function chatRoutes(chat: ChatService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['GET /conversations'],
      rateLimit: { name: 'chat-list', points: 240, perSeconds: 60 },
      handler: ({ viewer, query }) => chat.list(viewer, query),
    }),
    defineEndpoint({
      ...apiRoutes['POST /conversations/:handle/messages'],
      rateLimit: chat.limits.send,
      // Room for 2,000 characters even fully \u-escaped, so an overlong text is told as such (400), not 413.
      bodyLimit: 64 * 1024,
      status: 201,
      handler: ({ viewer, params, body }) => chat.send(viewer, params.handle, body),
    }),
    defineEndpoint({
      ...apiRoutes['GET /conversations/:handle/messages'],
      rateLimit: { name: 'chat-history', points: 240, perSeconds: 60 },
      handler: ({ viewer, params, query }) => chat.history(viewer, params.handle, query),
    }),
    defineEndpoint({
      ...apiRoutes['POST /conversations/:handle/read'],
      rateLimit: { name: 'chat-read', points: 240, perSeconds: 60 },
      handler: ({ viewer, params, body }) => chat.markRead(viewer, params.handle, body.upTo),
    }),
    defineEndpoint({
      ...apiRoutes['POST /messages/:id/recall'],
      rateLimit: { name: 'chat-recall', points: 30, perSeconds: 60 },
      handler: ({ viewer, params }) => chat.recall(viewer, params.id),
    }),
  ];
}
