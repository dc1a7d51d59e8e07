import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { AccountService } from './service.js';

export function accountRoutes(accounts: AccountService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['POST /auth/register'],
      status: 201,
      handler: ({ body, req }) => accounts.register(body, req.ip ?? 'unknown'),
    }),
    defineEndpoint({
      ...apiRoutes['POST /auth/login'],
      handler: ({ body, req }) => accounts.login(body, req.ip ?? 'unknown'),
    }),
    defineEndpoint({
      ...apiRoutes['GET /me'],
      handler: ({ viewer }) => accounts.me(viewer),
    }),
  ];
}
