/** REST endpoints of the game center. */
import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { RateLimitRule } from '../../rate-limits.js';
import type { GameService } from './service.js';

const inviteRate: RateLimitRule = { name: 'game-invite', points: 30, perSeconds: 60 };

export function gameRoutes(games: GameService): Endpoint[] {
  return defineEndpoints({
    'GET /games': { handler: () => games.games() },
    'POST /invites': { rateLimit: inviteRate, status: 201, handler: ({ viewer, body }) => games.invite(viewer, body) },
    'GET /invites': { handler: ({ viewer }) => games.pendingInvites(viewer) },
    'GET /invites/:id': { handler: ({ viewer, params }) => games.getInvite(viewer, params.id) },
    'POST /invites/:id/accept': { handler: ({ viewer, params }) => games.accept(viewer, params.id) },
    'POST /invites/:id/decline': { handler: ({ viewer, params }) => games.decline(viewer, params.id) },
    'POST /invites/:id/cancel': { handler: ({ viewer, params }) => games.cancel(viewer, params.id) },
    'POST /matches/:id/resign': {
      rateLimit: { name: 'match-resign', points: 30, perSeconds: 60 },
      handler: ({ viewer, params }) => games.resign(viewer, params.id),
    },
    'GET /matches/:id': { handler: ({ viewer, params }) => games.getMatch(viewer, params.id) },
    'GET /spaces/:handle/matches': { handler: ({ viewer, params, query }) => games.spaceMatches(viewer, params.handle, query) },
  });
}
