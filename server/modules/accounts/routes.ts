import { loginBody, registerBody } from '../../../shared/schemas/auth.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import type { AccountService } from './service.js';
import * as responses from '../../../shared/schemas/dto/responses.js';

export function accountRoutes(accounts: AccountService): Endpoint[] {
  return [
    defineEndpoint({
      method: 'post',
      path: '/auth/register',
      auth: false,
      body: registerBody,
      status: 201,
      response: responses.auth,
      handler: ({ body, req }) => accounts.register(body, req.ip ?? 'unknown'),
    }),
    defineEndpoint({
      method: 'post',
      path: '/auth/login',
      auth: false,
      body: loginBody,
      response: responses.auth,
      handler: ({ body, req }) => accounts.login(body, req.ip ?? 'unknown'),
    }),
    defineEndpoint({
      method: 'get',
      path: '/me',
      auth: true,
      response: responses.me,
      handler: ({ viewer }) => accounts.me(viewer),
    }),
  ];
}
