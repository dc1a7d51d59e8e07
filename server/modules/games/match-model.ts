/**
 * Matches. The moves are the one source of truth (the board is derived from them), and every
 * write is conditional on `{ moveCount, status: 'active' }`, so two racing moves never both apply.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { MatchEndReason, MatchStatus } from '../../../shared/dto.js';
import { matchEndReason, matchStatus } from '../../../shared/schemas/dto/enums.js';

export type EndReason = MatchEndReason;

export interface MoveRecord {
  readonly x: number;
  readonly y: number;
  readonly by: Types.ObjectId;
  readonly at: Date;
}

/** A player whose last socket went away, and since when: past the forfeit delay they lose. */
export interface AbsenceRecord {
  readonly user: Types.ObjectId;
  readonly since: Date;
}

export interface MatchRecord {
  readonly _id: Types.ObjectId;
  readonly game: string;
  readonly inviteId: Types.ObjectId;
  /** players[0] moves first. */
  readonly players: Types.ObjectId[];
  readonly moves: MoveRecord[];
  readonly moveCount: number;
  readonly status: MatchStatus;
  /** The winner's user id, 'draw', or null while playing. */
  readonly winner: string | null;
  readonly endReason: EndReason | null;
  readonly absences: AbsenceRecord[];
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

const moveSchema = new Schema<MoveRecord>(
  {
    x: { type: Number, required: true },
    y: { type: Number, required: true },
    by: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const absenceSchema = new Schema<AbsenceRecord>(
  { user: { type: Schema.Types.ObjectId, required: true }, since: { type: Date, required: true } },
  { _id: false },
);

const matchSchema = new Schema<MatchRecord>(
  {
    game: { type: String, required: true },
    inviteId: { type: Schema.Types.ObjectId, required: true },
    players: { type: [Schema.Types.ObjectId], required: true },
    moves: { type: [moveSchema], default: [] },
    moveCount: { type: Number, required: true, default: 0 },
    status: { type: String, enum: matchStatus.options, required: true, default: 'active' },
    winner: { type: String, default: null },
    // null while playing (the wire then leaves `endReason` out).
    endReason: { type: String, enum: [...matchEndReason.options, null], default: null },
    absences: { type: [absenceSchema], default: [] },
    createdAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
  },
  { strict: 'throw', versionKey: false },
);
// One match per accepted invite, however often an accept is retried.
matchSchema.index({ inviteId: 1 }, { unique: true });
// A player's matches, newest first (history, and the active ones on reconnect).
matchSchema.index({ players: 1, status: 1, _id: -1 });
matchSchema.index({ players: 1, _id: -1 });
// The forfeit sweeper's query on every node.
matchSchema.index({ status: 1, 'absences.since': 1 });

export function matchModel(conn: Connection): Model<MatchRecord> {
  return (conn.models.GameMatch as Model<MatchRecord> | undefined) ?? conn.model<MatchRecord>('GameMatch', matchSchema);
}
