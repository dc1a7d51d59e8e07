/**
 * Friendships and friend requests. A friendship is stored as two directed edges so that "who are
 * my friends" and "are we friends" are each one indexed query on `{ user, friend }`.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { modelOf } from '../../db/model-for.js';
import { pairSchema, type PairRecord } from '../../db/pair-schema.js';
import { friendRequestStatus } from '../../../shared/schemas/dto/enums.js';

export type FriendEdgeRecord = PairRecord<'user', 'friend', 'since'>;

const friendEdgeSchema = pairSchema('user', 'friend', 'since');
friendEdgeSchema.index({ user: 1, since: -1 });

export type FriendRequestState = 'pending' | 'accepted' | 'declined';

export interface FriendRequestRecord {
  readonly _id: Types.ObjectId;
  readonly from: Types.ObjectId;
  readonly to: Types.ObjectId;
  /** The two user ids, sorted and joined: the same for a request either way between them. */
  readonly pairKey: string;
  readonly status: FriendRequestState;
  readonly createdAt: Date;
  readonly decidedAt: Date | null;
}

const friendRequestSchema = new Schema<FriendRequestRecord>(
  {
    from: { type: Schema.Types.ObjectId, required: true },
    to: { type: Schema.Types.ObjectId, required: true },
    pairKey: { type: String, required: true },
    status: { type: String, enum: friendRequestStatus.options, required: true, default: 'pending' },
    createdAt: { type: Date, required: true },
    decidedAt: { type: Date, default: null },
  },
  { strict: 'throw', versionKey: false },
);
// At most one pending request per pair, whichever way it points: the store refuses the second.
friendRequestSchema.index({ pairKey: 1 }, { unique: true, partialFilterExpression: { status: 'pending' } });
friendRequestSchema.index({ to: 1, status: 1, createdAt: -1 });
friendRequestSchema.index({ from: 1, status: 1, createdAt: -1 });

export const pairKeyOf = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

export function friendEdgeModel(conn: Connection): Model<FriendEdgeRecord> {
  return modelOf(conn, 'FriendEdge', friendEdgeSchema);
}

export function friendRequestModel(conn: Connection): Model<FriendRequestRecord> {
  return modelOf(conn, 'FriendRequest', friendRequestSchema);
}
