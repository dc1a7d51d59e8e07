/**
 * One record per (user, Idempotency-Key): the request's fingerprint and, once answered, the answer.
 * The TTL index forgets keys after 24 hours; the `_id` makes the first request's insert the lock.
 */
import { Schema, type Connection, type Model } from 'mongoose';

export const idempotencyWindowSeconds = 24 * 60 * 60;

/** A key is `pending` from the first request until its answer is stored (`done`); never on the wire. */
const idempotencyStates = ['pending', 'done'] as const;

export interface IdempotencyRecord {
  /** `<user id>:<key>`: the same key from two users are two records. */
  readonly _id: string;
  /** sha256 of method, path and body: a key reused for another request is refused. */
  readonly fingerprint: string;
  readonly state: (typeof idempotencyStates)[number];
  readonly status?: number;
  /** The JSON answer, as sent (undefined for a 204). */
  readonly body?: unknown;
  readonly createdAt: Date;
}

const idempotencySchema = new Schema<IdempotencyRecord>(
  {
    _id: { type: String, required: true },
    fingerprint: { type: String, required: true },
    state: { type: String, enum: idempotencyStates, required: true },
    status: { type: Number },
    body: { type: Schema.Types.Mixed },
    createdAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false, minimize: false },
);
idempotencySchema.index({ createdAt: 1 }, { expireAfterSeconds: idempotencyWindowSeconds });

export function idempotencyModel(conn: Connection): Model<IdempotencyRecord> {
  return (
    (conn.models.IdempotencyKey as Model<IdempotencyRecord> | undefined) ??
    conn.model<IdempotencyRecord>('IdempotencyKey', idempotencySchema, 'idempotency_keys')
  );
}
