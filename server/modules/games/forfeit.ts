/**
 * Absent players forfeit. When a player's last socket (on any node) goes away, each of their
 * active matches records the absence; if they are still gone after the forfeit delay, they lose
 * and the other player is told with `game:state` (status finished, endReason forfeit). Coming back
 * to any node clears the absence. The node that saw the disconnect keeps a timer; every node
 * sweeps, so the forfeit still happens if that node goes down.
 */
import type { Model } from 'mongoose';
import type { Logger } from '../../logger.js';
import type { Pusher } from '../../realtime/pusher.js';
import type { ActivePlayers } from './active-players.js';
import type { Deadlines } from './expiry.js';
import type { MatchRecord } from './match-model.js';
import type { MatchBook } from './matches.js';

export interface ForfeitWatchDeps {
  readonly matches: Model<MatchRecord>;
  readonly book: MatchBook;
  readonly pusher: Pusher;
  readonly logger: Logger;
  readonly forfeitMs: number;
  readonly deadlines: Deadlines;
  readonly active: ActivePlayers;
}

const sweepBatch = 100;

export function createForfeitWatch(d: ForfeitWatchDeps) {
  const { matches } = d;

  /** `userId` loses match `matchId` if they have been away since before `cutoff`; pushed to both when it happens. */
  async function forfeit(matchId: MatchRecord['_id'], userId: string, cutoff: Date): Promise<boolean> {
    const m = await matches.findById(matchId, { players: 1 }).lean<Pick<MatchRecord, 'players'>>();
    const winner = m?.players.map((p) => p.toHexString()).find((p) => p !== userId);
    if (!winner) return false;
    const finished = await matches
      .findOneAndUpdate(
        { _id: matchId, status: 'active', absences: { $elemMatch: { user: userId, since: { $lte: cutoff } } } },
        { $set: { status: 'finished', winner, endReason: 'forfeit', finishedAt: new Date(), absences: [] } },
        { returnDocument: 'after' },
      )
      .lean<MatchRecord>();
    if (!finished) return false;
    d.active.finished(finished.players.map((p) => p.toHexString()));
    d.book.announce(await d.book.toDto(finished));
    return true;
  }

  /** Forfeits (or, if they are back after all, clears) every absence older than the delay. */
  async function sweep(): Promise<void> {
    const cutoff = new Date(Date.now() - d.forfeitMs);
    const due = await matches
      .find({ status: 'active', 'absences.since': { $lte: cutoff } }, { absences: 1 })
      .limit(sweepBatch)
      .lean<Pick<MatchRecord, '_id' | 'absences'>[]>();
    for (const m of due) {
      // Whoever left first loses, should both be gone.
      const absences = [...m.absences].sort((a, b) => a.since.getTime() - b.since.getTime());
      for (const a of absences) {
        if (a.since > cutoff) continue;
        const userId = a.user.toHexString();
        if (await d.pusher.isConnected(userId)) await returned(userId);
        else if (await forfeit(m._id, userId, cutoff)) break;
      }
    }
  }

  /** The user is connected again (on some node): their absences end. */
  async function returned(userId: string): Promise<void> {
    d.deadlines.cancel(userId);
    await matches.updateMany({ players: userId, status: 'active', 'absences.user': userId }, { $pull: { absences: { user: userId } } });
  }

  return {
    sweep,
    returned,

    /** A socket of the user went away: if it was their last one anywhere, the forfeit clock starts. */
    async left(userId: string): Promise<void> {
      if (!d.active.mayHave(userId)) return;
      if (!(await matches.exists({ players: userId, status: 'active' }))) return;
      if (await d.pusher.isConnected(userId)) return;
      const since = new Date();
      // Keeps the earliest absence: leaving twice does not restart the clock.
      await matches.updateMany(
        { players: userId, status: 'active', 'absences.user': { $ne: userId } },
        { $push: { absences: { user: userId, since } } },
      );
      d.deadlines.schedule(userId, new Date(since.getTime() + d.forfeitMs), async () => {
        if (await d.pusher.isConnected(userId)) return returned(userId);
        const cutoff = new Date(Date.now() - d.forfeitMs);
        const mine = await matches
          .find({ status: 'active', absences: { $elemMatch: { user: userId, since: { $lte: cutoff } } } }, { _id: 1 })
          .lean<Pick<MatchRecord, '_id'>[]>();
        for (const m of mine) await forfeit(m._id, userId, cutoff);
      });
    },
  };
}

export type ForfeitWatch = ReturnType<typeof createForfeitWatch>;
