import type { SocketHandler } from '../../realtime/gateway.js';
import { defineSocketHandlers } from '../../realtime/handler-table.js';
import type { ChatService } from './service.js';

export function chatSocketHandlers(chat: ChatService): SocketHandler[] {
  return defineSocketHandlers({
    'chat:send': { rateLimit: chat.limits.send, handler: ({ to, ...body }, { viewer }) => chat.send(viewer, to, body) },
    'chat:typing': { handler: ({ to }, { viewer }) => chat.typing(viewer, to) },
    'chat:sync': {
      rateLimit: { name: 'chat-sync', points: 120, perSeconds: 60 },
      handler: ({ after, limit }, { viewer }) => chat.sync(viewer, after, limit),
    },
  });
}
