/** v1.2 特别关心: one document per (user, friend they care for): `user` cares for `friend` since `since`. */
import type { Connection, Model } from 'mongoose';
import { modelOf } from '../../db/model-for.js';
import { pairSchema, type PairRecord } from '../../db/pair-schema.js';

export type CareRecord = PairRecord<'user', 'friend', 'since'>;

const careSchema = pairSchema('user', 'friend', 'since');
// "Who cares for this author?" at every new post.
careSchema.index({ friend: 1 });

export function careModel(conn: Connection): Model<CareRecord> {
  return modelOf(conn, 'Care', careSchema);
}
