/**
 * Who may have an active match, so that connects and disconnects of everyone else (nearly all
 * users, nearly always) cost no store query. A per-node count of active matches per player, read
 * from the store at start and kept up to date as this node starts and finishes matches.
 *
 * It only ever errs towards "maybe": a player is counted before their match is inserted, and
 * uncounted only after it is finished. On a cluster another node starts matches this node never
 * hears of, so there it always answers "maybe" and the caller asks the store.
 */
import type { Model } from 'mongoose';
import type { Logger } from '../../logger.js';
import type { MatchRecord } from './match-model.js';

export interface ActivePlayersDeps {
  readonly matches: Model<MatchRecord>;
  /** True when other nodes may start matches too (a cluster): then every answer is "maybe". */
  readonly clustered: boolean;
  readonly logger: Logger;
}

export function createActivePlayers({ matches, clustered, logger }: ActivePlayersDeps) {
  const counts = new Map<string, number>();
  let loaded = false;

  const add = (userId: string, by: number) => {
    const n = (counts.get(userId) ?? 0) + by;
    if (n > 0) counts.set(userId, n);
    else counts.delete(userId);
  };

  if (!clustered) {
    // Matches started while this runs are counted twice at worst: a harmless "maybe".
    matches
      .find({ status: 'active' }, { players: 1, _id: 0 })
      .lean<Pick<MatchRecord, 'players'>[]>()
      .then((active) => {
        for (const m of active) for (const p of m.players) add(p.toHexString(), 1);
        loaded = true;
      })
      .catch((err: unknown) => logger.warn({ err }, 'active players not loaded; asking the store on every connect'));
  }

  return {
    /** False only when `userId` surely has no active match; true means "ask the store". */
    mayHave(userId: string): boolean {
      return clustered || !loaded || counts.has(userId);
    },
    /** Before a match is stored: its players may have an active match from now on. */
    starting(playerIds: readonly string[]): void {
      for (const p of playerIds) add(p, 1);
    },
    /** A match that `starting` counted was not stored after all (or existed already). */
    notStarted(playerIds: readonly string[]): void {
      for (const p of playerIds) add(p, -1);
    },
    /** After a match was finished (exactly once per match: the write that finished it). */
    finished(playerIds: readonly string[]): void {
      for (const p of playerIds) add(p, -1);
    },
  };
}

export type ActivePlayers = ReturnType<typeof createActivePlayers>;
