/**
 * Matches: started from an accepted invite, played move by move with the server as the only
 * authority, kept afterwards as history that can be replayed. Each accepted move is stored (with
 * optimistic concurrency on the move count) before `game:state` is pushed to both players.
 */
import type { Model } from 'mongoose';
import type { MatchDto } from '../../../shared/dto.js';
import type { MatchPageQuery, MoveEvent } from '../../../shared/schemas/games.js';
import { conflict, invalid, notFound } from '../../errors.js';
import type { Pusher } from '../../realtime/pusher.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import type { FriendRelations } from '../friends/relations.js';
import type { InviteRecord } from './invite-model.js';
import type { MatchRecord } from './match-model.js';
import type { ActivePlayers } from './active-players.js';
import { gameRules } from './registry.js';
import { matchDto, usersOf } from './views.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { recordOf } from '../../db/record-of.js';

export interface MatchBookDeps {
  readonly matches: Model<MatchRecord>;
  readonly accounts: AccountService;
  readonly friends: FriendRelations;
  readonly pusher: Pusher;
  readonly active: ActivePlayers;
}

const playerIds = (m: MatchRecord) => m.players.map((p) => p.toHexString());

export function createMatchBook(d: MatchBookDeps) {
  const { matches } = d;

  async function toDto(m: MatchRecord): Promise<MatchDto> {
    return matchDto(m, await usersOf(d.accounts, [m]));
  }

  /** Pushes the match's state to both players (every socket of each, on any node). */
  function announce(match: MatchDto): void {
    d.pusher.toUsers(
      match.players.map((p) => p.id),
      'game:state',
      { match },
    );
  }

  /**
   * Whether `viewerId` may see match `m`: its players, and the friends of either player (a
   * finished match is part of both players' spaces, which their friends see).
   */
  async function canSee(viewerId: string, m: MatchRecord): Promise<boolean> {
    const players = playerIds(m);
    if (players.includes(viewerId)) return true;
    for (const p of players) if (await d.friends.areFriends(viewerId, p)) return true;
    return false;
  }

  return {
    announce,
    toDto,

    /** The match an accepted invite started, created under the id the invite names (idempotent). */
    async startFor(invite: InviteRecord): Promise<MatchDto> {
      if (!invite.matchId) throw new Error('an accepted invite names its match');
      const players = [invite.from.toHexString(), invite.to.toHexString()];
      d.active.starting(players);
      try {
        const created = await matches.create({
          _id: invite.matchId,
          game: invite.game,
          inviteId: invite._id,
          // The inviter plays first (black in Gomoku).
          players: [invite.from, invite.to],
          moves: [],
          moveCount: 0,
          status: 'active',
          createdAt: new Date(),
        });
        return toDto(recordOf<MatchRecord>(created));
      } catch (err) {
        // Not stored now: either it failed, or it existed already (and was counted when it was).
        d.active.notStarted(players);
        if (!isDuplicateKey(err)) throw err;
        const existing = await matches.findById(invite.matchId).lean<MatchRecord>();
        if (!existing) throw err;
        return toDto(existing);
      }
    },

    /** Plays the viewer's move; refused (and nothing changes) out of turn, on a taken cell, or once the match is over. */
    async move(viewer: Viewer, input: MoveEvent): Promise<{ match: MatchDto }> {
      const m = await matches.findById(input.matchId).lean<MatchRecord>();
      const players = m ? playerIds(m) : [];
      if (!m || !players.includes(viewer.id)) throw notFound('match');
      if (m.status !== 'active') throw conflict('the match is over');
      if (players[m.moveCount % players.length] !== viewer.id) throw conflict('it is not your turn');
      const rules = gameRules(m.game);
      if (!rules) throw notFound('game');

      const point = { x: input.x, y: input.y };
      const judged = rules.play(m.moves, point);
      if (!judged.ok) {
        if (judged.reason === 'occupied') throw conflict('that cell is taken');
        throw invalid('that move is off the board', { x: 'off the board', y: 'off the board' });
      }
      const now = new Date();
      const finish =
        judged.outcome === 'continue'
          ? {}
          : {
              status: 'finished',
              winner: judged.outcome === 'win' ? viewer.id : 'draw',
              endReason: judged.outcome === 'win' ? 'five' : 'draw',
              finishedAt: now,
              absences: [],
            };
      // Optimistic concurrency: applies only if nobody moved (or the match ended) since it was read.
      const updated = await matches
        .findOneAndUpdate(
          { _id: m._id, moveCount: m.moveCount, status: 'active' },
          {
            $push: { moves: { ...point, by: viewer.id, at: now } },
            $inc: { moveCount: 1 },
            ...(judged.outcome === 'continue' ? {} : { $set: finish }),
          },
          { returnDocument: 'after' },
        )
        .lean<MatchRecord>();
      if (!updated) throw conflict('the match changed meanwhile; this move was not played');
      if (updated.status === 'finished') d.active.finished(playerIds(updated));
      const match = await toDto(updated);
      announce(match);
      return { match };
    },

    /** The viewer gives up an active match of theirs: the other player wins (`endReason: resign`). */
    async resign(viewer: Viewer, id: string): Promise<{ match: MatchDto }> {
      const m = await matches.findById(id).lean<MatchRecord>();
      const players = m ? playerIds(m) : [];
      if (!m || !players.includes(viewer.id)) throw notFound('match');
      const winner = players.find((p) => p !== viewer.id) ?? null;
      const updated = await matches
        .findOneAndUpdate(
          { _id: m._id, status: 'active' },
          { $set: { status: 'finished', winner, endReason: 'resign', finishedAt: new Date(), absences: [] } },
          { returnDocument: 'after' },
        )
        .lean<MatchRecord>();
      if (!updated) throw conflict('the match is over');
      d.active.finished(playerIds(updated));
      const match = await toDto(updated);
      announce(match);
      return { match };
    },

    /** One match with its moves (for replay), for its players and their friends; others get not_found. */
    async get(viewer: Viewer, id: string): Promise<{ match: MatchDto }> {
      const m = await matches.findById(id).lean<MatchRecord>();
      if (!m || !(await canSee(viewer.id, m))) throw notFound('match');
      return { match: await toDto(m) };
    },

    /**
     * The matches of a space's owner, newest first, as its games module shows them: for the
     * owner and the owner's friends; anyone else sees an empty list.
     */
    async listForSpace(viewer: Viewer | null, handle: string, page: MatchPageQuery): Promise<{ matches: MatchDto[]; next: string | null }> {
      const owner = await d.accounts.requireByHandle(handle);
      const relation = await d.friends.relation(viewer?.id ?? null, owner.id);
      if (relation !== 'self' && relation !== 'friend') return { matches: [], next: null };
      const before = page.before ? { _id: { $lt: page.before } } : {};
      const found = await matches
        .find({ players: owner.id, ...before })
        .sort({ _id: -1 })
        .limit(page.limit + 1)
        .lean<MatchRecord[]>();
      const shown = found.slice(0, page.limit);
      const users = await usersOf(d.accounts, shown);
      return {
        matches: shown.map((m) => matchDto(m, users)),
        next: found.length > page.limit ? (shown.at(-1)?._id.toHexString() ?? null) : null,
      };
    },

    /** The user's matches still being played, for catching a (re)connected socket up. */
    async activeFor(userId: string): Promise<MatchDto[]> {
      const found = await matches.find({ players: userId, status: 'active' }).sort({ _id: -1 }).limit(50).lean<MatchRecord[]>();
      const users = await usersOf(d.accounts, found);
      return found.map((m) => matchDto(m, users));
    },
  };
}

export type MatchBook = ReturnType<typeof createMatchBook>;
