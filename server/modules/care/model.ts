/** v1.2 特别关心: one document per (user, friend they care for). */
import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface CareRecord {
  readonly _id: Types.ObjectId;
  /** The one who cares. */
  readonly user: Types.ObjectId;
  /** The friend cared for. */
  readonly friend: Types.ObjectId;
  readonly since: Date;
}

const careSchema = new Schema<CareRecord>(
  {
    user: { type: Schema.Types.ObjectId, required: true },
    friend: { type: Schema.Types.ObjectId, required: true },
    since: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
careSchema.index({ user: 1, friend: 1 }, { unique: true });
// "Who cares for this author?" at every new post.
careSchema.index({ friend: 1 });

export function careModel(conn: Connection): Model<CareRecord> {
  return (conn.models.Care as Model<CareRecord> | undefined) ?? conn.model<CareRecord>('Care', careSchema);
}
