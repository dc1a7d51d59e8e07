/** REST endpoints of the game center. */
import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { RateLimitRule } from '../../rate-limits.js';
import type { GameService } from './service.js';

const inviteRate: RateLimitRule = { name: 'game-invite', points: 30, perSeconds: 60 };

export function gameRoutes(games: GameService): Endpoint[] {
  return defineEndpoints({
    'GET /games': { handler: () => games.games() },
    'POST /invites': { rateLimit: inviteRate, status: 201, handler: ({ viewer, body }) => games.invites.create(viewer, body) },
    'GET /invites': { handler: ({ viewer }) => games.invites.pending(viewer) },
    'GET /invites/:id': { handler: ({ viewer, params }) => games.invites.get(viewer, params.id) },
    'POST /invites/:id/accept': { handler: ({ viewer, params }) => games.invites.accept(viewer, params.id) },
    'POST /invites/:id/decline': { handler: ({ viewer, params }) => games.invites.decline(viewer, params.id) },
    'POST /invites/:id/cancel': { handler: ({ viewer, params }) => games.invites.cancel(viewer, params.id) },
    'POST /matches/:id/resign': {
      rateLimit: { name: 'match-resign', points: 30, perSeconds: 60 },
      handler: ({ viewer, params }) => games.matches.resign(viewer, params.id),
    },
    'GET /matches/:id': { handler: ({ viewer, params }) => games.matches.get(viewer, params.id) },
    'GET /spaces/:handle/matches': { handler: ({ viewer, params, query }) => games.matches.listForSpace(viewer, params.handle, query) },
  });
}
