import { defineSocketHandler, type SocketHandler } from '../../realtime/gateway.js';
import type { ChatService } from './service.js';

export function chatSocketHandlers(chat: ChatService): SocketHandler[] {
  return [
    defineSocketHandler({
      event: 'chat:send',
      rateLimit: chat.limits.send,
      handler: ({ to, ...body }, { viewer }) => chat.send(viewer, to, body),
    }),
    defineSocketHandler({
      event: 'chat:typing',
      handler: ({ to }, { viewer }) => chat.typing(viewer, to),
    }),
    defineSocketHandler({
      event: 'chat:sync',
      rateLimit: { name: 'chat-sync', points: 120, perSeconds: 60 },
      handler: ({ after, limit }, { viewer }) => chat.sync(viewer, after, limit),
    }),
  ];
}
