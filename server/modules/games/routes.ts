/** REST endpoints of the game center. */
import { handleParams, idParams } from '../../../shared/schemas/common.js';
import { inviteBody, matchPageQuery } from '../../../shared/schemas/games.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import type { RateLimitRule } from '../../rate-limits.js';
import type { GameService } from './service.js';
import * as responses from '../../../shared/schemas/dto/responses.js';

const inviteRate: RateLimitRule = { name: 'game-invite', points: 30, perSeconds: 60 };

export function gameRoutes(games: GameService): Endpoint[] {
  return [
    defineEndpoint({ method: 'get', path: '/games', auth: false, response: responses.games, handler: () => games.games() }),
    defineEndpoint({
      method: 'post',
      path: '/invites',
      auth: true,
      body: inviteBody,
      rateLimit: inviteRate,
      status: 201,
      response: responses.invite,
      handler: ({ viewer, body }) => games.invite(viewer, body),
    }),
    defineEndpoint({ method: 'get', path: '/invites', auth: true, response: responses.invites, handler: ({ viewer }) => games.pendingInvites(viewer) }),
    defineEndpoint({
      method: 'get',
      path: '/invites/:id',
      auth: true,
      params: idParams,
      response: responses.invite,
      handler: ({ viewer, params }) => games.getInvite(viewer, params.id),
    }),
    defineEndpoint({
      method: 'post',
      path: '/invites/:id/accept',
      auth: true,
      params: idParams,
      response: responses.inviteAccepted,
      handler: ({ viewer, params }) => games.accept(viewer, params.id),
    }),
    defineEndpoint({
      method: 'post',
      path: '/invites/:id/decline',
      auth: true,
      params: idParams,
      response: responses.invite,
      handler: ({ viewer, params }) => games.decline(viewer, params.id),
    }),
    defineEndpoint({
      method: 'post',
      path: '/invites/:id/cancel',
      auth: true,
      params: idParams,
      response: responses.invite,
      handler: ({ viewer, params }) => games.cancel(viewer, params.id),
    }),
    defineEndpoint({
      method: 'post',
      path: '/matches/:id/resign',
      auth: true,
      params: idParams,
      rateLimit: { name: 'match-resign', points: 30, perSeconds: 60 },
      response: responses.match,
      handler: ({ viewer, params }) => games.resign(viewer, params.id),
    }),
    defineEndpoint({
      method: 'get',
      path: '/matches/:id',
      auth: true,
      params: idParams,
      response: responses.match,
      handler: ({ viewer, params }) => games.getMatch(viewer, params.id),
    }),
    defineEndpoint({
      method: 'get',
      path: '/spaces/:handle/matches',
      auth: false,
      params: handleParams,
      query: matchPageQuery,
      response: responses.matchPage,
      handler: ({ viewer, params, query }) => games.spaceMatches(viewer, params.handle, query),
    }),
  ];
}
