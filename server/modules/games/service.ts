/**
 * The game center: the games on offer, invites between friends (`invites`, invites.ts), and live
 * matches (`matches`, matches.ts), which routes and socket handlers call directly. What is its own:
 * invites expire and absent players forfeit exactly once across a cluster (timers on the node that
 * knows, plus a sweep on every node; see expiry.ts), and sockets coming and going start or end an absence.
 */
import type { Connection } from 'mongoose';
import type { GameDto, MatchDto } from '../../../shared/dto.js';
import type { Logger } from '../../logger.js';
import type { Pusher } from '../../realtime/pusher.js';
import type { AccountService } from '../accounts/service.js';
import type { FriendRelations } from '../friends/relations.js';
import type { Notifier } from '../notifications/notifier.js';
import { createActivePlayers } from './active-players.js';
import { createDeadlines } from './expiry.js';
import { createForfeitWatch } from './forfeit.js';
import { inviteModel } from './invite-model.js';
import { createInviteDesk, type InviteDesk } from './invites.js';
import { matchModel } from './match-model.js';
import { createMatchBook, type MatchBook } from './matches.js';
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
  const inviteRecords = inviteModel(conn);
  const matchRecords = matchModel(conn);
  const active = createActivePlayers({ matches: matchRecords, clustered, logger });
  // The sweeps run from a timer, never during construction: by then the desk and the watch exist.
  const inviteDeadlines = createDeadlines({ name: 'invite expiry', sweepMs: config.gameSweepMs, sweep: () => desk.expireDue(), logger });
  const forfeitDeadlines = createDeadlines({ name: 'forfeit', sweepMs: config.gameSweepMs, sweep: () => watch.sweep(), logger });
  const book = createMatchBook({ matches: matchRecords, accounts, friends, pusher, active });
  const desk = createInviteDesk({
    invites: inviteRecords,
    matches: book,
    accounts,
    friends,
    notifier,
    pusher,
    logger,
    ttlMs: config.inviteTtlMs,
    deadlines: inviteDeadlines,
  });
  const watch = createForfeitWatch({
    matches: matchRecords,
    book,
    pusher,
    logger,
    forfeitMs: config.forfeitMs,
    deadlines: forfeitDeadlines,
    active,
  });
  // Connect and disconnect work still running, so a shutdown lets it finish before the store closes.
  const pending = new Set<Promise<unknown>>();
  let closing = false;
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    pending.add(work);
    void work.then(() => pending.delete(work));
    return work;
  };

  // What routes and socket handlers call directly (not the sweeps and match starts the center drives).
  const invites: Pick<InviteDesk, 'create' | 'accept' | 'decline' | 'cancel' | 'pending' | 'get'> = desk;
  const matches: Pick<MatchBook, 'move' | 'resign' | 'get' | 'listForSpace'> = book;

  return {
    /** The games on offer. */
    games(): Promise<{ games: GameDto[] }> {
      return Promise.resolve({ games: gameList() });
    },

    /** Invites between friends: create, accept (starts the match), decline, cancel, pending, get (invites.ts). */
    invites,

    /** Matches: moves (judged here, not by the client), resign, replay, a space's matches (matches.ts). */
    matches,

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
