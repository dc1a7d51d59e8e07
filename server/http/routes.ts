/** Every REST endpoint of every feature module, mounted under /api. */
import type { Services } from '../services.js';
import { accountRoutes } from '../modules/accounts/routes.js';
import type { Endpoint } from './endpoint.js';

export function apiEndpoints(s: Services): Endpoint[] {
  return [...accountRoutes(s.accounts)];
}
