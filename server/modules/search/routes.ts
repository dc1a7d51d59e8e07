import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { SearchService } from './service.js';

export function searchRoutes(search: SearchService): Endpoint[] {
  return defineEndpoints({
    'GET /users': {
      // Typing in a search box sends a request per key: generous, but bounded.
      rateLimit: { name: 'user-search', points: 600, perSeconds: 60 },
      handler: ({ viewer, query }) => search.search(viewer, query),
    },
    'GET /friends/suggestions': {
      rateLimit: { name: 'friend-suggestions', points: 60, perSeconds: 60 },
      handler: ({ viewer }) => search.suggestions(viewer),
    },
  });
}
