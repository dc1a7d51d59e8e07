/**
 * One document per (post, user) like. The unique index makes liking idempotent and race-free: the
 * post's counter moves only when an insert succeeded or a delete removed something.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface LikeRecord {
  readonly _id: Types.ObjectId;
  readonly post: Types.ObjectId;
  readonly user: Types.ObjectId;
  readonly createdAt: Date;
}

const likeSchema = new Schema<LikeRecord>(
  {
    post: { type: Schema.Types.ObjectId, required: true },
    user: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
likeSchema.index({ post: 1, user: 1 }, { unique: true });

export function likeModel(conn: Connection): Model<LikeRecord> {
  return (conn.models.PostLike as Model<LikeRecord> | undefined) ?? conn.model<LikeRecord>('PostLike', likeSchema);
}
