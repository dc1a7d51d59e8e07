/** Blocks: `blocker` blocks `blocked`. One document per directed pair; the unique index makes blocking idempotent. */
import type { Connection, Model } from 'mongoose';
import { modelOf } from '../../db/model-for.js';
import { pairSchema, type PairRecord } from '../../db/pair-schema.js';

export type BlockRecord = PairRecord<'blocker', 'blocked', 'createdAt'>;

const blockSchema = pairSchema('blocker', 'blocked', 'createdAt');
// "Does A block B?" is the pair's own unique index; A's block list, newest first:
blockSchema.index({ blocker: 1, createdAt: -1 });
// "Who blocks B?" (search leaves them out).
blockSchema.index({ blocked: 1 });

export function blockModel(conn: Connection): Model<BlockRecord> {
  return modelOf(conn, 'Block', blockSchema);
}
