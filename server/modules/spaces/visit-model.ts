/**
 * The visit log: one document per (space owner, visitor) holding when that visitor's last counted
 * visit happened. The unique index makes "count once per window" safe under concurrency and
 * across nodes: of two simultaneous first visits, only one insert can win.
 */
import type { Connection, Model } from 'mongoose';
import { modelOf } from '../../db/model-for.js';
import { pairSchema, type PairRecord } from '../../db/pair-schema.js';

export type VisitRecord = PairRecord<'owner', 'visitor', 'lastAt'>;

const visitSchema = pairSchema('owner', 'visitor', 'lastAt');
visitSchema.index({ owner: 1, lastAt: -1 });

export function visitModel(conn: Connection): Model<VisitRecord> {
  return modelOf(conn, 'SpaceVisit', visitSchema);
}
