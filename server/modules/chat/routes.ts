import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { ChatService } from './service.js';

export function chatRoutes(chat: ChatService): Endpoint[] {
  return defineEndpoints({
    'GET /conversations': {
      rateLimit: { name: 'chat-list', points: 240, perSeconds: 60 },
      handler: ({ viewer, query }) => chat.list(viewer, query),
    },
    'POST /conversations/:handle/messages': {
      rateLimit: chat.limits.send,
      // Room for 2,000 characters even fully \u-escaped, so an overlong text is told as such (400), not 413.
      bodyLimit: 64 * 1024,
      status: 201,
      handler: ({ viewer, params, body }) => chat.send(viewer, params.handle, body),
    },
    'GET /conversations/:handle/messages': {
      rateLimit: { name: 'chat-history', points: 240, perSeconds: 60 },
      handler: ({ viewer, params, query }) => chat.history(viewer, params.handle, query),
    },
    'POST /conversations/:handle/read': {
      rateLimit: { name: 'chat-read', points: 240, perSeconds: 60 },
      handler: ({ viewer, params, body }) => chat.markRead(viewer, params.handle, body.upTo),
    },
    'POST /messages/:id/recall': {
      rateLimit: { name: 'chat-recall', points: 30, perSeconds: 60 },
      handler: ({ viewer, params }) => chat.recall(viewer, params.id),
    },
  });
}
