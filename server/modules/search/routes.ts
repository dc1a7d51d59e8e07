import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { SearchService } from './service.js';

export function searchRoutes(search: SearchService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['GET /users'],
      // Typing in a search box sends a request per key: generous, but bounded.
      rateLimit: { name: 'user-search', points: 600, perSeconds: 60 },
      handler: ({ viewer, query }) => search.search(viewer, query),
    }),
    defineEndpoint({
      ...apiRoutes['GET /friends/suggestions'],
      rateLimit: { name: 'friend-suggestions', points: 60, perSeconds: 60 },
      handler: ({ viewer }) => search.suggestions(viewer),
    }),
  ];
}
