/** Guestbook entries: messages left in someone's space, optionally private (author and owner only). */
import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface GuestbookEntryRecord {
  readonly _id: Types.ObjectId;
  /** The space owner. */
  readonly owner: Types.ObjectId;
  readonly author: Types.ObjectId;
  readonly text: string;
  readonly private: boolean;
  readonly createdAt: Date;
  /** v1.2 主人回复: the owner's one reply. */
  readonly reply?: { readonly text: string; readonly at: Date } | null;
  /** v1.2: waiting for the owner's approval (its author and the owner see it, no one else). */
  readonly pending?: boolean;
}

const guestbookEntrySchema = new Schema<GuestbookEntryRecord>(
  {
    owner: { type: Schema.Types.ObjectId, required: true },
    author: { type: Schema.Types.ObjectId, required: true },
    text: { type: String, required: true },
    private: { type: Boolean, required: true, default: false },
    createdAt: { type: Date, required: true },
    reply: {
      type: new Schema({ text: { type: String, required: true }, at: { type: Date, required: true } }, { _id: false }),
      default: null,
    },
    pending: { type: Boolean },
  },
  { strict: 'throw', versionKey: false },
);
// Pages are read newest first by _id within one space.
guestbookEntrySchema.index({ owner: 1, _id: -1 });

export function guestbookEntryModel(conn: Connection): Model<GuestbookEntryRecord> {
  return (
    (conn.models.GuestbookEntry as Model<GuestbookEntryRecord> | undefined) ??
    conn.model<GuestbookEntryRecord>('GuestbookEntry', guestbookEntrySchema)
  );
}
