/**
 * Gap-free numbering for chat (see model.ts): a message's seq in its conversation and a person's
 * inbox entries. On this node writers queue per key so they rarely race; between nodes the unique
 * index settles it (a duplicate key: read the last number again and retry).
 */
import type { Connection, Types } from 'mongoose';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { recordOf } from '../../db/record-of.js';
import { createKeyedQueue } from '../../keyed-queue.js';
import { inboxEntryModel, messageModel, type MessageRecord } from './model.js';

/** Attempts at taking the next number when another node took it first. */
const maxSeqAttempts = 25;

export type NewMessage = Omit<MessageRecord, '_id' | 'seq' | 'recalled' | 'read'>;

export function createNumbering(conn: Connection) {
  const messages = messageModel(conn);
  const inbox = inboxEntryModel(conn);
  const perConversation = createKeyedQueue();
  const perInbox = createKeyedQueue();

  async function insertMessage(fields: NewMessage): Promise<MessageRecord> {
    for (let attempt = 0; attempt < maxSeqAttempts; attempt++) {
      const last = await messages.findOne({ conversationId: fields.conversationId }, { seq: 1 }).sort({ seq: -1 }).lean();
      try {
        const doc = await messages.create({ ...fields, seq: (last?.seq ?? 0) + 1, recalled: false, read: false });
        return recordOf<MessageRecord>(doc);
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        // The same clientId stored meanwhile (a retry racing its first try): the caller answers that one.
        const first = await messages.exists({ from: fields.from, clientId: fields.clientId });
        if (first) throw err;
      }
    }
    throw new Error(`could not number a message in ${fields.conversationId} after ${maxSeqAttempts} attempts`);
  }

  async function insertEntry(userId: string, messageId: Types.ObjectId): Promise<number> {
    const existing = await inbox.findOne({ userId, messageId }, { seq: 1 }).lean();
    if (existing) return existing.seq;
    for (let attempt = 0; attempt < maxSeqAttempts; attempt++) {
      const last = await inbox.findOne({ userId }, { seq: 1 }).sort({ seq: -1 }).lean();
      const seq = (last?.seq ?? 0) + 1;
      try {
        await inbox.create({ userId, seq, messageId });
        return seq;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
    throw new Error(`could not number an inbox entry for ${userId} after ${maxSeqAttempts} attempts`);
  }

  return {
    /** Stores a message with the next seq of its conversation. */
    message: (fields: NewMessage) => perConversation(fields.conversationId, () => insertMessage(fields)),
    /** The user's inbox number of the message: the existing entry's, or a new one with the next number. */
    inboxEntry: (userId: string, messageId: Types.ObjectId) => perInbox(userId, () => insertEntry(userId, messageId)),
  };
}
