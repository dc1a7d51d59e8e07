/**
 * The game center: the games on offer, invites between friends, and live matches. Invites expire
 * and absent players forfeit exactly once across a cluster (timers on the node that knows, plus a
 * sweep on every node); see expiry.ts.
 */
import type { Connection } from 'mongoose';
import type { GameDto, InviteDto, MatchDto } from '../../../shared/dto.js';
import type { InviteBody, MatchPageQuery, MoveEvent } from '../../../shared/schemas/games.js';
import type { Logger } from '../../logger.js';
import type { Pusher } from '../../realtime/pusher.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import type { FriendRelations } from '../friends/relations.js';
import type { Notifier } from '../notifications/notifier.js';
import { createActivePlayers } from './active-players.js';
import { createDeadlines } from './expiry.js';
import { createForfeitWatch } from './forfeit.js';
import { inviteModel } from './invite-model.js';
import { createInviteDesk } from './invites.js';
import { matchModel } from './match-model.js';
import { createMatchBook } from './matches.js';
import { gameList } from './registry.js';

/** The timings of the game center (Config carries them; tests shorten them). */
export interface GameTimings {
  /** How long an invite stays pending: 60 s by default (`INVITE_TTL_MS`). */
  readonly inviteTtlMs: number;
  /** How long a player may be gone from an active match before forfeiting: 60 s by default (`FORFEIT_MS`). */
  readonly forfeitMs: number;
  /** How often every node sweeps for expired invites and due forfeits (`GAME_SWEEP_MS`). */
  readonly gameSweepMs: number;
}

export interface GameServiceDeps {
  readonly conn: Connection;
  readonly pusher: Pusher;
  readonly accounts: AccountService;
  readonly friends: FriendRelations;
  readonly notifier: Notifier;
  readonly logger: Logger;
  readonly config: GameTimings;
  /** Other nodes share the store (a cluster): this node cannot know every active match. Default true. */
  readonly clustered?: boolean;
}

export function createGameService({ conn, pusher, accounts, friends, notifier, logger, config, clustered = true }: GameServiceDeps) {
  const invites = inviteModel(conn);
  const matches = matchModel(conn);
  const active = createActivePlayers({ matches, clustered, logger });
  const book = createMatchBook({ matches, accounts, friends, pusher, active });
  const desk = createInviteDesk({
    invites,
    matches: book,
    accounts,
    friends,
    notifier,
    pusher,
    logger,
    ttlMs: config.inviteTtlMs,
    deadlines: () => inviteDeadlines,
  });
  const watch = createForfeitWatch({
    matches,
    book,
    pusher,
    logger,
    forfeitMs: config.forfeitMs,
    deadlines: () => forfeitDeadlines,
    active,
  });
  const inviteDeadlines = createDeadlines({ name: 'invite expiry', sweepMs: config.gameSweepMs, sweep: () => desk.expireDue(), logger });
  const forfeitDeadlines = createDeadlines({ name: 'forfeit', sweepMs: config.gameSweepMs, sweep: watch.sweep, logger });
  // Connect and disconnect work still running, so a shutdown lets it finish before the store closes.
  const pending = new Set<Promise<unknown>>();
  let closing = false;
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    pending.add(work);
    void work.then(() => pending.delete(work));
    return work;
  };

  return {
    /** The games on offer. */
    async games(): Promise<{ games: GameDto[] }> {
      return { games: gameList() };
    },

    /** Invites a friend (by handle) to a game. */
    invite: (viewer: Viewer, input: InviteBody): Promise<{ invite: InviteDto }> => desk.create(viewer, input),
    /** Accepts an invite and starts its match. */
    accept: (viewer: Viewer, id: string): Promise<{ invite: InviteDto; match: MatchDto }> => desk.accept(viewer, id),
    /** Declines an invite. */
    decline: (viewer: Viewer, id: string): Promise<{ invite: InviteDto }> => desk.decline(viewer, id),
    /** Withdraws one's own invite. */
    cancel: (viewer: Viewer, id: string): Promise<{ invite: InviteDto }> => desk.cancel(viewer, id),
    /** The viewer's pending invites, incoming and outgoing. */
    pendingInvites: (viewer: Viewer) => desk.pending(viewer),
    /** One invite, for its players. */
    getInvite: (viewer: Viewer, id: string) => desk.get(viewer, id),

    /** Plays a move in a match (the server judges it). */
    move: (viewer: Viewer, input: MoveEvent): Promise<{ match: MatchDto }> => book.move(viewer, input),
    /** Gives up an active match; the other player wins. */
    resign: (viewer: Viewer, id: string): Promise<{ match: MatchDto }> => book.resign(viewer, id),
    /** One match with its moves, for its players and their friends. */
    getMatch: (viewer: Viewer, id: string): Promise<{ match: MatchDto }> => book.get(viewer, id),
    /** A space owner's matches, newest first. */
    spaceMatches: (viewer: Viewer | null, handle: string, page: MatchPageQuery) => book.listForSpace(viewer, handle, page),

    /**
     * A socket of the user connected: their absence ends, and it resolves with the user's active
     * matches, whose state the new socket is to get (socket.ts sends it). Never rejects.
     */
    connected(userId: string): Promise<MatchDto[]> {
      if (closing || !active.mayHave(userId)) return Promise.resolve([]);
      return tracked(
        (async () => {
          try {
            const mine = await book.activeFor(userId);
            if (mine.length) await watch.returned(userId);
            return mine;
          } catch (err) {
            logger.warn({ err, user: userId }, 'game catch-up on connect failed');
            return [];
          }
        })(),
      );
    },

    /** A socket went away: if it was the user's last, the forfeit clock of their active matches starts. Never rejects. */
    disconnected(userId: string): Promise<void> {
      // A stopping node's sockets are moving to other nodes, not leaving: no absence starts.
      if (closing || !active.mayHave(userId)) return Promise.resolve();
      return tracked(
        watch.left(userId).catch((err: unknown) => {
          logger.warn({ err, user: userId }, 'game absence tracking failed');
        }),
      );
    },

    /** Runs both sweeps now (tests; the sweeps also run by themselves). */
    async sweepNow(): Promise<void> {
      await Promise.all([inviteDeadlines.sweepNow(), forfeitDeadlines.sweepNow()]);
    },

    /** Stops the timers and sweeps of this node (the other nodes' sweeps take over) and finishes pending connect/disconnect work. */
    async close(): Promise<void> {
      closing = true;
      inviteDeadlines.close();
      forfeitDeadlines.close();
      await Promise.all(pending);
    },
  };
}

export type GameService = ReturnType<typeof createGameService>;
