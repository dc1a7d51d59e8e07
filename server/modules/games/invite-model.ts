/**
 * Game invites. An invite is decided exactly once: every status change is a conditional update
 * from `pending`, so racing accepts, declines, cancels and expiries on any node cannot both apply.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { InviteStatus } from '../../../shared/dto.js';
import { inviteStatus } from '../../../shared/schemas/dto/enums.js';

export interface InviteRecord {
  readonly _id: Types.ObjectId;
  readonly from: Types.ObjectId;
  readonly to: Types.ObjectId;
  readonly game: string;
  /** The two user ids, sorted and joined: the same whichever of the two invites. */
  readonly pairKey: string;
  readonly status: InviteStatus;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly decidedAt: Date | null;
  /** Set when accepted: the match it started. */
  readonly matchId: Types.ObjectId | null;
}

const inviteSchema = new Schema<InviteRecord>(
  {
    from: { type: Schema.Types.ObjectId, required: true },
    to: { type: Schema.Types.ObjectId, required: true },
    game: { type: String, required: true },
    pairKey: { type: String, required: true },
    status: { type: String, enum: inviteStatus.options, required: true, default: 'pending' },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    decidedAt: { type: Date, default: null },
    matchId: { type: Schema.Types.ObjectId, default: null },
  },
  { strict: 'throw', versionKey: false },
);
// One pending invite per pair of players and game, whichever way it points: the store refuses a second.
inviteSchema.index({ pairKey: 1, game: 1 }, { unique: true, partialFilterExpression: { status: 'pending' } });
// The expiry sweeper's query on every node.
inviteSchema.index({ status: 1, expiresAt: 1 });
inviteSchema.index({ to: 1, status: 1, createdAt: -1 });
inviteSchema.index({ from: 1, status: 1, createdAt: -1 });

export const pairKeyOf = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

export function inviteModel(conn: Connection): Model<InviteRecord> {
  return (conn.models.GameInvite as Model<InviteRecord> | undefined) ?? conn.model<InviteRecord>('GameInvite', inviteSchema);
}
