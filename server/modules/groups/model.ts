/**
 * Friend groups (分组): an owner's named sets of friends. A friend may be in several of one owner's
 * groups; `members` holds user ids, so "which of A's groups is B in" and "which groups is B in at
 * all" (the feed's question) are each one indexed query.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { modelFor } from '../../db/model-for.js';

export interface GroupRecord {
  readonly _id: Types.ObjectId;
  readonly owner: Types.ObjectId;
  readonly name: string;
  readonly members: Types.ObjectId[];
  readonly createdAt: Date;
}

const groupSchema = new Schema<GroupRecord>(
  {
    owner: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    members: { type: [Schema.Types.ObjectId], default: [] },
    createdAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
groupSchema.index({ owner: 1, createdAt: 1 });
groupSchema.index({ members: 1 });

export function groupModel(conn: Connection): Model<GroupRecord> {
  return modelFor(conn, 'FriendGroup', groupSchema);
}
