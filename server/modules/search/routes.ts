import { userSearchQuery } from '../../../shared/schemas/profile.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import type { SearchService } from './service.js';
import * as responses from '../../../shared/schemas/dto/responses.js';

export function searchRoutes(search: SearchService): Endpoint[] {
  return [
    defineEndpoint({
      method: 'get',
      path: '/users',
      auth: true,
      query: userSearchQuery,
      // Typing in a search box sends a request per key: generous, but bounded.
      rateLimit: { name: 'user-search', points: 600, perSeconds: 60 },
      response: responses.users,
      handler: ({ viewer, query }) => search.search(viewer, query),
    }),
    defineEndpoint({
      method: 'get',
      path: '/friends/suggestions',
      auth: true,
      rateLimit: { name: 'friend-suggestions', points: 60, perSeconds: 60 },
      response: responses.suggestions,
      handler: ({ viewer }) => search.suggestions(viewer),
    }),
  ];
}
