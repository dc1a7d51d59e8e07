/**
 * Private messages between friends (QQ-style chat): sending (screened, idempotent by `clientId`,
 * numbered without gaps), history, the conversation list with unread counts, read receipts, recall,
 * typing and the catch-up of a reconnecting client. Every read and push checks that the two are
 * friends and neither blocks the other; anyone else gets `not_found`.
 */
import { Types, type Connection } from 'mongoose';
import type { ConversationDto, MessageDto, PhotoDto, UserDto } from '../../../shared/dto.js';
import { recallWindowMs, type SendMessageBody } from '../../../shared/schemas/chat.js';
import { batchedUpdates } from '../../db/batched-writes.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { AppError, blocked, forbidden, invalid, notFound } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { RateLimitRule } from '../../rate-limits.js';
import type { Pusher } from '../../realtime/pusher.js';
import type { Viewer } from '../accounts/viewer.js';
import type { BlockLookup } from '../blocks/lookup.js';
import type { FriendRelations } from '../friends/relations.js';
import { pairKeyOf } from '../friends/model.js';
import type { TextScreen } from '../moderation/screening.js';
import { createMessageViews, type MessageViewDeps } from './message-views.js';
import { conversationModel, inboxEntryModel, messageModel, type MessageRecord } from './model.js';
import { createNumbering } from './numbering.js';
import { createTypingThrottle } from './typing.js';

export interface ChatServiceDeps extends MessageViewDeps {
  readonly conn: Connection;
  readonly pusher: Pusher;
  readonly logger: Logger;
  readonly accounts: MessageViewDeps['accounts'] & { requireByHandle(handle: string): Promise<UserDto> };
  readonly photos: MessageViewDeps['photos'] & { resolveOwn(ownerId: string, ids: readonly string[]): Promise<PhotoDto[]> };
  readonly friends: Pick<FriendRelations, 'areFriends' | 'friendIds'>;
  readonly blocks: Pick<BlockLookup, 'eitherWay'>;
  readonly screen: TextScreen;
}

export interface ConversationPage {
  readonly conversations: ConversationDto[];
  readonly next: string | null;
}

/** `<updatedAt ms>_<conversation id>`: the position after which the next page starts. */
const cursorOf = (at: Date, id: string) => `${at.getTime()}_${id}`;
function parseCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const match = /^(\d{1,15})_([0-9a-f]{24}:[0-9a-f]{24})$/.exec(cursor);
  if (!match) throw invalid('cursor: not a conversation cursor', { cursor: 'is not a cursor from this list' });
  return { at: new Date(Number(match[1])), id: match[2] as string };
}

export function createChatService(deps: ChatServiceDeps) {
  const { conn, pusher, accounts, friends, blocks, screen } = deps;
  const conversations = conversationModel(conn);
  const messages = messageModel(conn);
  const inbox = inboxEntryModel(conn);
  const numbering = createNumbering(conn);
  const views = createMessageViews(deps);
  const typing = createTypingThrottle();
  /** A conversation's time moved to its last message: concurrent sends' share a store command. */
  const touchConversation = batchedUpdates(conversations.collection);

  /** Whether the two may talk: friends, and neither blocks the other. */
  async function mayTalk(a: string, b: string): Promise<boolean> {
    const [friendly, separated] = await Promise.all([friends.areFriends(a, b), blocks.eitherWay(a, b)]);
    return friendly && !separated;
  }

  /** The friend named `handle`; `not_found` for anyone the viewer may not talk to. */
  async function peerOf(viewer: Viewer, handle: string): Promise<UserDto> {
    if (handle === viewer.handle) throw invalid('to: you cannot message yourself', { to: 'is yourself' });
    const peer = await accounts.requireByHandle(handle);
    if (!(await mayTalk(viewer.id, peer.id))) throw notFound('conversation');
    return peer;
  }

  /** Unread messages of `userId` from friends (a blocked or ex-friend's do not count). */
  async function unreadTotal(userId: string): Promise<number> {
    const senders = (await messages.distinct('from', { to: userId, read: false, recalled: false })).filter(
      (s): s is string => typeof s === 'string',
    );
    if (!senders.length) return 0;
    const friendSet = new Set(await friends.friendIds(userId));
    const counted = senders.filter((s) => friendSet.has(s));
    if (!counted.length) return 0;
    return messages.countDocuments({ to: userId, read: false, recalled: false, from: { $in: counted } });
  }

  const unreadIn = (conversationId: string, userId: string) =>
    messages.countDocuments({ conversationId, to: userId, read: false, recalled: false });

  /**
   * Checks what a message carries: screened text, the sender's own photo, a post the sender may see.
   * Answers the photo as resolved, so the message's view does not read it again.
   */
  async function checkContent(viewer: Viewer, body: SendMessageBody): Promise<ReadonlyMap<string, PhotoDto>> {
    if (body.text !== undefined && screen.screen(body.text).action !== 'allow') {
      throw blocked('text: this message cannot be sent');
    }
    if (body.postId) await deps.posts.get(viewer, body.postId); // not_found when the sender may not see it
    if (!body.photoId) return new Map();
    try {
      const [photo] = await deps.photos.resolveOwn(viewer.id, [body.photoId]);
      return new Map(photo ? [[body.photoId, photo]] : []);
    } catch (err) {
      if (err instanceof AppError && err.code === 'invalid')
        throw invalid('photoId: must be your own photo', { photoId: 'must be your own photo' });
      throw err;
    }
  }

  /** Both people's views of a message: the same but for `inboxSeq`, each person's own number of it. */
  async function viewsOf(
    record: MessageRecord,
    seqs: { readonly from: number; readonly to: number },
    photoDtos?: ReadonlyMap<string, PhotoDto>,
  ): Promise<{ mine: MessageDto; theirs: MessageDto }> {
    const [mine] = await views.toDtos([record], record.from, new Map([[record._id.toHexString(), seqs.from]]), photoDtos);
    if (!mine) throw notFound('message');
    return { mine, theirs: { ...mine, inboxSeq: seqs.to } };
  }

  /** A retry of a stored message: its inbox entries made if a first try stopped before them, and its view. */
  async function repeat(record: MessageRecord): Promise<{ message: MessageDto }> {
    const [from, to] = await Promise.all([numbering.inboxEntry(record.from, record._id), numbering.inboxEntry(record.to, record._id)]);
    return { message: (await viewsOf(record, { from, to })).mine };
  }

  /** Sends in flight on this node by `<sender>:<clientId>`: a retry racing its first try waits for that one. */
  const inFlight = new Map<string, Promise<{ message: MessageDto }>>();

  /**
   * One send, in four dependent steps: the peer (by handle, then friendship and blocks side by side)
   * and the content checks, side by side; the message insert (its seq remembered, see numbering.ts;
   * a retry's `clientId` answered by the unique index, not a read first); both inbox entries and the
   * conversation's time, side by side; both views from the one record, pushed.
   */
  async function sendOnce(viewer: Viewer, to: string, body: SendMessageBody): Promise<{ message: MessageDto }> {
    // Side by side, but answered in order: someone the viewer may not talk to hears not_found, whatever the content.
    const [peerCheck, contentCheck] = await Promise.allSettled([peerOf(viewer, to), checkContent(viewer, body)]);
    if (peerCheck.status === 'rejected') throw peerCheck.reason;
    if (contentCheck.status === 'rejected') throw contentCheck.reason;
    const peer = peerCheck.value;
    const photoDtos = contentCheck.value;
    const conversationId = pairKeyOf(viewer.id, peer.id);
    let record: MessageRecord;
    try {
      record = await numbering.message({
        conversationId,
        from: viewer.id,
        to: peer.id,
        clientId: body.clientId,
        ...(body.text !== undefined ? { text: body.text } : {}),
        ...(body.photoId ? { photoId: body.photoId } : {}),
        ...(body.postId ? { postId: body.postId } : {}),
        sentAt: new Date(),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const first = await messages.findOne({ from: viewer.id, clientId: body.clientId }).lean<MessageRecord>();
      if (!first) throw err;
      return repeat(first);
    }
    const [fromSeq, toSeq] = await Promise.all([
      numbering.newInboxEntry(record.from, record._id),
      numbering.newInboxEntry(record.to, record._id),
      touchConversation({
        filter: { _id: conversationId as never },
        update: { $setOnInsert: { users: [viewer.id, peer.id].sort() }, $max: { updatedAt: record.sentAt } },
        upsert: true,
      }),
    ]);
    const { mine, theirs } = await viewsOf(record, { from: fromSeq, to: toSeq }, photoDtos);
    pusher.toUser(viewer.id, 'chat:message', { message: mine });
    pusher.toUser(peer.id, 'chat:message', { message: theirs });
    return { message: mine };
  }

  async function send(viewer: Viewer, to: string, body: SendMessageBody): Promise<{ message: MessageDto }> {
    const key = `${viewer.id}:${body.clientId}`;
    const running = inFlight.get(key);
    if (running) return running;
    const sending = sendOnce(viewer, to, body);
    inFlight.set(key, sending);
    try {
      return await sending;
    } finally {
      inFlight.delete(key);
    }
  }

  /** A message of a conversation the viewer is in and may still talk in; `not_found` otherwise. */
  async function ownConversationMessage(viewer: Viewer, messageId: string): Promise<MessageRecord> {
    const record = await messages.findById(messageId).lean<MessageRecord>();
    if (!record || (record.from !== viewer.id && record.to !== viewer.id)) throw notFound('message');
    const peerId = record.from === viewer.id ? record.to : record.from;
    if (!(await mayTalk(viewer.id, peerId))) throw notFound('message');
    return record;
  }

  return {
    /** The send budget shared by the REST send and `chat:send`. */
    limits: { send: { name: 'chat-send', points: 120, perSeconds: 60 } } satisfies Record<string, RateLimitRule>,

    /** Sends a message to a friend; a retry with the same `clientId` answers the first message. */
    send,

    /** The viewer's conversations with friends, most recent first. */
    async list(viewer: Viewer, query: { cursor?: string | undefined; limit: number }): Promise<ConversationPage> {
      const after = parseCursor(query.cursor);
      const friendIds = await friends.friendIds(viewer.id);
      if (!friendIds.length) return { conversations: [], next: null };
      const keys = friendIds.map((f) => pairKeyOf(viewer.id, f));
      const page = await conversations
        .find({
          _id: { $in: keys },
          ...(after ? { $or: [{ updatedAt: { $lt: after.at } }, { updatedAt: after.at, _id: { $lt: after.id } }] } : {}),
        })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(query.limit + 1)
        .lean();
      const shown = page.slice(0, query.limit);
      const peerIds = shown.map((c) => (c.users[0] === viewer.id ? c.users[1] : c.users[0]));
      const users = await accounts.getUsers(peerIds);
      const out: ConversationDto[] = [];
      for (const [i, c] of shown.entries()) {
        const peer = users.get(peerIds[i] as string);
        if (!peer) continue;
        const [lastRecord, unread] = await Promise.all([
          messages.findOne({ conversationId: c._id }).sort({ seq: -1 }).lean<MessageRecord>(),
          unreadIn(c._id, viewer.id),
        ]);
        const [last] = lastRecord ? await views.toDtos([lastRecord], viewer.id) : [];
        out.push({ id: c._id, peer, last: last ?? null, unread, updatedAt: c.updatedAt.toISOString() });
      }
      const lastShown = shown[shown.length - 1];
      return { conversations: out, next: page.length > query.limit && lastShown ? cursorOf(lastShown.updatedAt, lastShown._id) : null };
    },

    /** A page of the conversation with `handle`, newest first, seq below `before`. */
    async history(
      viewer: Viewer,
      handle: string,
      query: { before?: number | undefined; limit: number },
    ): Promise<{ messages: MessageDto[] }> {
      const peer = await peerOf(viewer, handle);
      const records = await messages
        .find({ conversationId: pairKeyOf(viewer.id, peer.id), ...(query.before ? { seq: { $lt: query.before } } : {}) })
        .sort({ seq: -1 })
        .limit(query.limit)
        .lean<MessageRecord[]>();
      return { messages: await views.toDtos(records, viewer.id) };
    },

    /** Marks the peer's messages read up to `upTo`; both people's devices hear it. Answers the viewer's unread total. */
    async markRead(viewer: Viewer, handle: string, upTo: number): Promise<{ unread: number }> {
      const peer = await peerOf(viewer, handle);
      const conversationId = pairKeyOf(viewer.id, peer.id);
      await messages.updateMany({ conversationId, to: viewer.id, read: false, seq: { $lte: upTo } }, { $set: { read: true } });
      pusher.toUsers([viewer.id, peer.id], 'chat:read', { conversationId, by: viewer.id, upTo });
      return { unread: await unreadTotal(viewer.id) };
    },

    /** Recalls one's own message within 2 minutes: its content leaves the store; both people hear it. */
    async recall(viewer: Viewer, messageId: string): Promise<{ message: MessageDto }> {
      const record = await ownConversationMessage(viewer, messageId);
      if (record.from !== viewer.id) throw forbidden('only its sender can recall a message');
      if (!record.recalled) {
        if (Date.now() - record.sentAt.getTime() > recallWindowMs) throw forbidden('a message can be recalled within 2 minutes of sending');
        await messages.updateOne({ _id: record._id }, { $set: { recalled: true }, $unset: { text: 1, photoId: 1, postId: 1 } });
        pusher.toUsers([record.from, record.to], 'chat:recall', { conversationId: record.conversationId, messageId });
      }
      const recalled: MessageRecord = { ...record, recalled: true };
      const [message] = await views.toDtos([recalled], viewer.id);
      if (!message) throw notFound('message');
      return { message };
    },

    /** Relays "typing" to a friend, at most once per 2 s per pair; more are dropped silently. */
    async typing(viewer: Viewer, handle: string): Promise<Record<string, never>> {
      // Claimed before the friendship look-up, so a burst cannot slip past while it is in flight.
      if (!typing.claim(viewer.id, handle)) return {};
      let peer: UserDto;
      try {
        peer = await peerOf(viewer, handle);
      } catch (err) {
        typing.release(viewer.id, handle); // a refusal is not a relay: the next try is refused the same way
        throw err;
      }
      pusher.toUser(peer.id, 'chat:typing', { conversationId: pairKeyOf(viewer.id, peer.id), from: viewer.id });
      return {};
    },

    /** Every message of the viewer's inbox numbered after `after` (oldest first), and the unread total. */
    async sync(viewer: Viewer, after: number, limit: number): Promise<{ messages: MessageDto[]; unread: number }> {
      const entries = await inbox
        .find({ userId: viewer.id, seq: { $gt: after } })
        .sort({ seq: 1 })
        .limit(limit)
        .lean();
      const records = await messages.find({ _id: { $in: entries.map((e) => e.messageId) } }).lean<MessageRecord[]>();
      const byId = new Map(records.map((r) => [r._id.toHexString(), r]));
      const friendSet = new Set(await friends.friendIds(viewer.id));
      const ordered = entries.flatMap((e) => {
        const r = byId.get(e.messageId.toHexString());
        const peerId = r && (r.from === viewer.id ? r.to : r.from);
        return r && peerId && friendSet.has(peerId) ? [r] : [];
      });
      const seqs = new Map(entries.map((e) => [e.messageId.toHexString(), e.seq]));
      const [dtos, unread] = await Promise.all([views.toDtos(ordered, viewer.id, seqs), unreadTotal(viewer.id)]);
      return { messages: dtos, unread };
    },

    /** The viewer's unread messages from friends, over all conversations (`unreadMessages` of `GET /api/me`). */
    unreadTotal,

    /** One message for a report by one of its two people (`not_found` otherwise); nothing else of the conversation. */
    async messageForReport(viewer: Viewer, messageId: string): Promise<MessageRecord> {
      if (!Types.ObjectId.isValid(messageId)) throw notFound('message');
      const record = await messages.findById(messageId).lean<MessageRecord>();
      if (!record || (record.from !== viewer.id && record.to !== viewer.id)) throw notFound('message');
      return record;
    },

    /** A moderator removes a reported message: its content leaves the store as in a recall; both people hear it. */
    async removeAsModerator(messageId: string): Promise<void> {
      if (!Types.ObjectId.isValid(messageId)) return;
      const record = await messages
        .findOneAndUpdate({ _id: new Types.ObjectId(messageId) }, { $set: { recalled: true }, $unset: { text: 1, photoId: 1, postId: 1 } })
        .lean<MessageRecord>();
      if (record) pusher.toUsers([record.from, record.to], 'chat:recall', { conversationId: record.conversationId, messageId });
    },

    /** Removes every message sent or received by a deleted account, with the conversations and inbox entries. */
    async deleteAccountMessages(userId: string): Promise<void> {
      const ids = (await messages.find({ $or: [{ from: userId }, { to: userId }] }, { _id: 1 }).lean()).map((m) => m._id);
      await inbox.deleteMany({ messageId: { $in: ids } });
      await inbox.deleteMany({ userId });
      await messages.deleteMany({ _id: { $in: ids } });
      await conversations.deleteMany({ users: userId });
      numbering.forgetAll(); // numbers were taken away: the next of each key is read from the store again
      deps.logger.debug({ user: userId, messages: ids.length }, 'account deletion: messages removed');
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;
