/** Every REST endpoint of every feature module, mounted under /api. */
import type { Services } from '../services.js';
import { accountRoutes } from '../modules/accounts/routes.js';
import { friendRoutes } from '../modules/friends/routes.js';
import { notificationRoutes } from '../modules/notifications/routes.js';
import { spaceRoutes } from '../modules/spaces/routes.js';
import { postRoutes } from '../modules/posts/routes.js';
import { gameRoutes } from '../modules/games/routes.js';
import type { Endpoint } from './endpoint.js';

export function apiEndpoints(s: Services): Endpoint[] {
  return [...accountRoutes(s.accounts), ...friendRoutes(s.friends), ...notificationRoutes(s.notifications), ...spaceRoutes(s.spaces), ...postRoutes(s.posts), ...gameRoutes(s.games)];
}
