/**
 * Gap-free numbering for chat (see model.ts): a message's seq in its conversation and a person's
 * inbox entries. Each is an insert at the last number + 1, and the unique index is the guard.
 *
 * On this node writers queue per key, and the last number of each key is remembered after the first
 * look-up (read once per key, then advanced by this node's own inserts), so a send costs no reads for
 * its numbers: one insert per number. Between nodes the unique index settles it: a node whose memory is
 * behind gets a duplicate key, forgets, reads the last number again and retries. The invariant of
 * model.ts holds as before: a writer inserts N + 1 only after it has seen N stored (its own insert or
 * its read), so entry N + 1 never exists before entry N does.
 */
import { Types, type Connection } from 'mongoose';
import { batchedInserts } from '../../db/batched-writes.js';
import { createLastNumbers } from '../../db/last-numbers.js';
import { createKeyedQueue } from '../../keyed-queue.js';
import { inboxEntryModel, messageModel, type MessageRecord } from './model.js';

export type NewMessage = Omit<MessageRecord, '_id' | 'seq' | 'recalled' | 'read'>;

/** A document as the driver writes it: without the fields that are undefined (the driver would store null). */
const defined = <T extends object>(doc: T): T => Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as T;

export function createNumbering(conn: Connection) {
  const messages = messageModel(conn);
  const inbox = inboxEntryModel(conn);
  const perConversation = createKeyedQueue();
  const perInbox = createKeyedQueue();
  const conversationSeqs = createLastNumbers();
  const inboxSeqs = createLastNumbers();
  // Concurrent sends' inserts share a store command (one number per key is in flight at a time: the queues above).
  const insertMessageRecord = batchedInserts(messages.collection);
  const insertInboxEntry = batchedInserts(inbox.collection);

  const lastMessageSeq = async (conversationId: string) =>
    (await messages.findOne({ conversationId }, { seq: 1 }).sort({ seq: -1 }).lean())?.seq ?? 0;
  const lastInboxSeq = async (userId: string) => (await inbox.findOne({ userId }, { seq: 1 }).sort({ seq: -1 }).lean())?.seq ?? 0;

  /** Stores a message (the driver's insert: no document hydration) and answers it as stored. */
  function insertMessage(fields: NewMessage): Promise<MessageRecord> {
    return conversationSeqs.next(
      fields.conversationId,
      () => lastMessageSeq(fields.conversationId),
      async (seq) => {
        const record = defined<MessageRecord>({ _id: new Types.ObjectId(), ...fields, seq, recalled: false, read: false });
        await insertMessageRecord({ ...record });
        return record;
      },
      // The same clientId stored meanwhile (a retry racing its first try): the caller answers that one.
      async () => (await messages.exists({ from: fields.from, clientId: fields.clientId })) !== null,
    );
  }

  /** A new inbox entry for a message just stored (no entry of it can exist yet): its number. */
  function insertEntry(userId: string, messageId: Types.ObjectId): Promise<number> {
    return inboxSeqs.next(
      userId,
      () => lastInboxSeq(userId),
      async (seq) => {
        await insertInboxEntry({ _id: new Types.ObjectId(), userId, seq, messageId });
        return seq;
      },
    );
  }

  return {
    /** Stores a message with the next seq of its conversation. */
    message: (fields: NewMessage) => perConversation(fields.conversationId, () => insertMessage(fields)),
    /** The user's inbox number of a message just stored by `message` (a new entry, unchecked). */
    newInboxEntry: (userId: string, messageId: Types.ObjectId) => perInbox(userId, () => insertEntry(userId, messageId)),
    /** The user's inbox number of the message: the existing entry's, or a new one (a retry repairing a half-done send). */
    inboxEntry: (userId: string, messageId: Types.ObjectId) =>
      perInbox(userId, async () => {
        const existing = await inbox.findOne({ userId, messageId }, { seq: 1 }).lean();
        return existing ? existing.seq : insertEntry(userId, messageId);
      }),
    /**
     * Forgets every remembered number (after messages and entries were deleted: read the store again).
     * Other nodes keep theirs: a survivor's next inbox number there may skip the deleted entries'
     * numbers, a gap where the deletion left holes anyway; `chat:sync { after }` is unaffected.
     */
    forgetAll: () => {
      conversationSeqs.clear();
      inboxSeqs.clear();
    },
  };
}
