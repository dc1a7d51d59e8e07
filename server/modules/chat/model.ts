/**
 * Private messages. Three numberings, each gap-free by the notifications module's pattern (a unique
 * index, insert at the last number + 1, read again and retry on a duplicate key): a message's `seq` in
 * its conversation, and one inbox entry per person (sender and recipient) numbered per user, which is
 * what `chat:sync { after }` reads.
 *
 * Why inbox entries and not a counter document with `$inc`: with a counter, two senders can draw N and
 * N+1 and the N+1 insert can land (and be pushed) first; a client that saw N+1 and syncs after it would
 * never get N. With insert-at-max+1, entry N+1 cannot exist before entry N does, so "everything after
 * the highest number I saw in order" is exact on any node.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface ConversationRecord {
  /** The pair key of the two user ids (`<smaller>:<larger>`): one conversation per pair. */
  readonly _id: string;
  readonly users: [string, string];
  readonly updatedAt: Date;
}

export interface MessageRecord {
  readonly _id: Types.ObjectId;
  readonly conversationId: string;
  readonly seq: number;
  readonly from: string;
  readonly to: string;
  readonly clientId: string;
  readonly text?: string;
  readonly photoId?: string;
  readonly postId?: string;
  readonly sentAt: Date;
  readonly recalled: boolean;
  /** The recipient read it. */
  readonly read: boolean;
}

export interface InboxEntryRecord {
  readonly _id: Types.ObjectId;
  readonly userId: string;
  readonly seq: number;
  readonly messageId: Types.ObjectId;
}

const conversationSchema = new Schema<ConversationRecord>(
  {
    _id: { type: String, required: true },
    users: { type: [String], required: true },
    updatedAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
conversationSchema.index({ users: 1, updatedAt: -1 });

const messageSchema = new Schema<MessageRecord>(
  {
    conversationId: { type: String, required: true },
    seq: { type: Number, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    clientId: { type: String, required: true },
    text: { type: String },
    photoId: { type: String },
    postId: { type: String },
    sentAt: { type: Date, required: true },
    recalled: { type: Boolean, required: true, default: false },
    read: { type: Boolean, required: true, default: false },
  },
  { strict: 'throw', versionKey: false },
);
messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true });
messageSchema.index({ from: 1, clientId: 1 }, { unique: true });
messageSchema.index({ to: 1, read: 1, recalled: 1 });

const inboxSchema = new Schema<InboxEntryRecord>(
  {
    userId: { type: String, required: true },
    seq: { type: Number, required: true },
    messageId: { type: Schema.Types.ObjectId, required: true },
  },
  { strict: 'throw', versionKey: false },
);
inboxSchema.index({ userId: 1, seq: 1 }, { unique: true });
inboxSchema.index({ userId: 1, messageId: 1 });

const modelOf = <T>(conn: Connection, name: string, schema: Schema<T>): Model<T> =>
  (conn.models[name] as Model<T> | undefined) ?? conn.model<T>(name, schema);

export const conversationModel = (conn: Connection) => modelOf(conn, 'ChatConversation', conversationSchema);
export const messageModel = (conn: Connection) => modelOf(conn, 'ChatMessage', messageSchema);
export const inboxEntryModel = (conn: Connection) => modelOf(conn, 'ChatInboxEntry', inboxSchema);
