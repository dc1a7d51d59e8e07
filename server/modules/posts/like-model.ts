/**
 * One document per (post, user) like. The unique index makes liking idempotent and race-free: the
 * post's counter moves only when an insert succeeded or a delete removed something.
 */
import type { Connection, Model } from 'mongoose';
import { modelOf } from '../../db/model-for.js';
import { pairSchema, type PairRecord } from '../../db/pair-schema.js';

export type LikeRecord = PairRecord<'post', 'user', 'createdAt'>;

const likeSchema = pairSchema('post', 'user', 'createdAt');

export function likeModel(conn: Connection): Model<LikeRecord> {
  return modelOf(conn, 'PostLike', likeSchema);
}
