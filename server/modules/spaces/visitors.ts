/**
 * Counting visits: a visitor counts once per window (30 minutes) per space. The decision is one
 * atomic store operation, so two nodes handling two simultaneous visits count it once.
 */
import { Types, type Connection } from 'mongoose';
import { visitModel, type VisitRecord } from './visit-model.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';

export const visitWindowMs = 30 * 60 * 1000;

export interface VisitLogOptions {
  readonly windowMs?: number;
  /** The clock; tests inject one to step through the window without sleeping. */
  readonly now?: () => Date;
}

export interface VisitOutcome {
  /** Whether this visit counts (first in its window). */
  readonly counted: boolean;
  readonly at: Date;
}

export function createVisitLog(conn: Connection, { windowMs = visitWindowMs, now = () => new Date() }: VisitLogOptions = {}) {
  const visits = visitModel(conn);

  return {
    /**
     * Records that `visitorId` visited `ownerId`'s space. Counted when the last counted visit is at
     * least a window ago (or there is none): the conditional update matches only then; otherwise the
     * upsert collides with the existing log document on the unique index and nothing changes.
     */
    async record(ownerId: string, visitorId: string): Promise<VisitOutcome> {
      const at = now();
      const cutoff = new Date(at.getTime() - windowMs);
      const owner = new Types.ObjectId(ownerId);
      const visitor = new Types.ObjectId(visitorId);
      try {
        await visits.findOneAndUpdate(
          { owner, visitor, lastAt: { $lte: cutoff } },
          { $set: { lastAt: at } },
          { upsert: true, projection: { _id: 1 } },
        );
        return { counted: true, at };
      } catch (err) {
        if (isDuplicateKey(err)) return { counted: false, at };
        throw err;
      }
    },

    /** The latest counted visit of each visitor, newest first. */
    async recent(ownerId: string, limit: number): Promise<{ visitorId: string; at: Date }[]> {
      const found = await visits
        .find({ owner: new Types.ObjectId(ownerId) }, { visitor: 1, lastAt: 1, _id: 0 })
        .sort({ lastAt: -1 })
        .limit(limit)
        .lean<Pick<VisitRecord, 'visitor' | 'lastAt'>[]>();
      return found.map((v) => ({ visitorId: v.visitor.toHexString(), at: v.lastAt }));
    },
  };
}

export type VisitLog = ReturnType<typeof createVisitLog>;
