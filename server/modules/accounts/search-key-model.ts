/**
 * The user-search index: one small document per (search key, user), with a plain (not multikey)
 * index on `key`, so a prefix query is one bounded range scan on MongoDB and on the embedded store
 * alike (the embedded planner uses ranges only on single-valued indexes).
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { searchKeysOf } from './search-keys.js';

export interface SearchKeyRecord {
  readonly _id: Types.ObjectId;
  readonly key: string;
  readonly user: Types.ObjectId;
}

const searchKeySchema = new Schema<SearchKeyRecord>(
  {
    key: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, required: true },
  },
  { strict: 'throw', versionKey: false },
);
searchKeySchema.index({ key: 1, user: 1 }, { unique: true });
searchKeySchema.index({ user: 1 });

export function searchKeyModel(conn: Connection): Model<SearchKeyRecord> {
  return (conn.models.UserSearchKey as Model<SearchKeyRecord> | undefined) ?? conn.model<SearchKeyRecord>('UserSearchKey', searchKeySchema);
}

/** Replaces a user's keys (registration, a new display name). */
export async function writeSearchKeys(conn: Connection, userId: Types.ObjectId, handle: string, displayName: string): Promise<void> {
  const keys = searchKeyModel(conn);
  await keys.deleteMany({ user: userId });
  await keys.insertMany(
    searchKeysOf(handle, displayName).map((key) => ({ key, user: userId })),
    { ordered: false },
  );
}
