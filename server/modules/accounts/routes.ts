import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { AccountService } from './service.js';

/** A handle (≤ 32), a display name (≤ 40) and a password (≤ 128 characters), even fully \u-escaped, fit. */
const authBodyLimit = 2 * 1024;

/** What `GET /api/me` adds from chat: the unread messages over all conversations. */
export interface UnreadMessages {
  unreadTotal(userId: string): Promise<number>;
}

export function accountRoutes(accounts: AccountService, chat: UnreadMessages): Endpoint[] {
  return defineEndpoints({
    'POST /auth/register': {
      status: 201,
      bodyLimit: authBodyLimit,
      handler: ({ body, req }) => accounts.register(body, req.ip ?? 'unknown'),
    },
    'POST /auth/login': { bodyLimit: authBodyLimit, handler: ({ body, req }) => accounts.login(body, req.ip ?? 'unknown') },
    'GET /me': {
      handler: async ({ viewer }) => {
        const [me, unreadMessages] = await Promise.all([accounts.me(viewer), chat.unreadTotal(viewer.id)]);
        return { ...me, unreadMessages };
      },
    },
  });
}
