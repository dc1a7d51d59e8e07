/** Blocks: `blocker` blocks `blocked`. One document per directed pair; the unique index makes blocking idempotent. */
import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface BlockRecord {
  readonly _id: Types.ObjectId;
  readonly blocker: Types.ObjectId;
  readonly blocked: Types.ObjectId;
  readonly createdAt: Date;
}

const blockSchema = new Schema<BlockRecord>(
  {
    blocker: { type: Schema.Types.ObjectId, required: true },
    blocked: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
// "Does A block B?" and A's block list, newest first.
blockSchema.index({ blocker: 1, blocked: 1 }, { unique: true });
blockSchema.index({ blocker: 1, createdAt: -1 });
// "Who blocks B?" (search leaves them out).
blockSchema.index({ blocked: 1 });

export function blockModel(conn: Connection): Model<BlockRecord> {
  return (conn.models.Block as Model<BlockRecord> | undefined) ?? conn.model<BlockRecord>('Block', blockSchema);
}
