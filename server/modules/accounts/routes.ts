import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { AccountService } from './service.js';

/** A handle (≤ 32), a display name (≤ 40) and a password (≤ 128 characters), even fully \u-escaped, fit. */
const authBodyLimit = 2 * 1024;

export function accountRoutes(accounts: AccountService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['POST /auth/register'],
      status: 201,
      bodyLimit: authBodyLimit,
      handler: ({ body, req }) => accounts.register(body, req.ip ?? 'unknown'),
    }),
    defineEndpoint({
      ...apiRoutes['POST /auth/login'],
      bodyLimit: authBodyLimit,
      handler: ({ body, req }) => accounts.login(body, req.ip ?? 'unknown'),
    }),
    defineEndpoint({
      ...apiRoutes['GET /me'],
      handler: ({ viewer }) => accounts.me(viewer),
    }),
  ];
}
