/**
 * The socket events as zod schemas, the one source of them: for each client → server event the payload
 * the hub validates and the success fields of its acknowledgement; for each server → client event its
 * payload. The handlers validate with these payload schemas, docs/api.md is written from them, and the
 * typed event maps of shared/events.ts are inferred from them (an event's docs written here show there).
 */
import { z } from 'zod';
import { albumWatchPayload } from './albums.js';
import { chatSendPayload, chatSyncPayload, chatTypingPayload } from './chat.js';
import { empty, objectId } from './common.js';
import * as o from './dto/objects.js';
import { moveEvent } from './games.js';
import { notificationSyncPayload } from './notifications.js';
import { watchPayload } from './posts.js';
import { pendingKinds, spaceEnterPayload } from './spaces.js';

const none = z.object({});

export interface ClientEventSchema {
  readonly payload: z.ZodType;
  /** The acknowledgement's fields beside `ok: true`. */
  readonly ack: z.ZodType;
  /** One line for docs/api.md. */
  readonly summary: string;
}

export const clientEvents = {
  'space:enter': { payload: spaceEnterPayload, ack: none, summary: 'Record a visit to a space (the owner hears space:visitor).' },
  'post:watch': { payload: watchPayload, ack: none, summary: 'Follow a post the viewer may see: its comments, likes and removal.' },
  'post:unwatch': { payload: watchPayload, ack: none, summary: 'Stop following a post.' },
  /** Extension: follow an album the viewer may see while it is open. */
  'album:watch': { payload: albumWatchPayload, ack: none, summary: 'Follow an album the viewer may see while it is open.' },
  'album:unwatch': { payload: albumWatchPayload, ack: none, summary: 'Stop following an album.' },
  /** Extension: moderators only — hear of newly held items while the queue is open. */
  'moderation:watch': { payload: empty, ack: none, summary: 'Moderators only: hear of newly held posts and comments.' },
  /** Extension: follow a space's guestbook live while it is on screen (public entries; the owner gets all). */
  'guestbook:watch': { payload: spaceEnterPayload, ack: none, summary: "Follow a space's guestbook while it is on screen." },
  'guestbook:unwatch': { payload: spaceEnterPayload, ack: none, summary: 'Stop following a guestbook.' },
  /** Extension: follow a space's look live while it is on screen (one space per socket). */
  'space:watch': {
    payload: spaceEnterPayload,
    ack: none,
    summary: "Follow a space's look (title, theme, layout, modules) while it is on screen.",
  },
  'space:unwatch': { payload: spaceEnterPayload, ack: none, summary: 'Stop following a space.' },
  'notifications:sync': {
    payload: notificationSyncPayload,
    ack: z.object({ notifications: z.array(o.notificationDto), unread: z.number() }),
    summary: 'Notifications after a sequence number (what a reconnecting client missed).',
  },
  'game:move': { payload: moveEvent, ack: z.object({ match: o.matchDto }), summary: 'Place a stone in a match of yours, on your turn.' },
  /** Extension: which of the caller's friends are online now. */
  'presence:list': {
    payload: empty,
    ack: z.object({ online: z.array(z.string()) }),
    summary: "Which of the caller's friends are online now.",
  },
  /** v1.2: send a private message (the REST send's rules and answer). */
  'chat:send': {
    payload: chatSendPayload,
    ack: z.object({ message: o.messageDto }),
    summary: 'Send a private message to a friend (the rules and answer of the REST send).',
  },
  /** v1.2: tell a friend one is typing (at most one per 2 s is relayed). */
  'chat:typing': { payload: chatTypingPayload, ack: none, summary: 'Tell a friend you are typing (at most one per 2 s is relayed).' },
  /** v1.2: every message of one's inbox numbered after `after`, and the unread total. */
  'chat:sync': {
    payload: chatSyncPayload,
    ack: z.object({ messages: z.array(o.messageDto), unread: z.number() }),
    summary: 'Every message of your inbox numbered after `after` (what a reconnecting client missed), and the unread total.',
  },
  /** Extension: a round trip, for clients measuring latency and tests awaiting order. */
  ping: { payload: empty, ack: z.object({ at: z.number() }), summary: 'A round trip (latency; tests awaiting order).' },
} as const satisfies Readonly<Record<string, ClientEventSchema>>;

export interface ServerEventSchema {
  readonly payload: z.ZodType;
  readonly summary: string;
}

export const serverEvents = {
  'feed:post': { payload: z.object({ post: o.postDto }), summary: 'A post for your feed: a friend’s, a fanned space’s, or your own.' },
  'feed:remove': {
    payload: z.object({ postId: objectId }),
    summary: 'A post left your feed (deleted, unpublished, or its author is gone).',
  },
  'post:comment': { payload: z.object({ postId: objectId, comment: o.commentDto }), summary: 'A comment on a watched post.' },
  'post:likes': { payload: z.object({ postId: objectId, likes: z.number() }), summary: 'The like count of a watched post.' },
  /** v1.2: a post's link preview, fetched after the post was published. */
  'post:preview': {
    payload: z.object({ postId: objectId, preview: o.linkPreviewDto }),
    summary: 'The preview of a post’s first link, fetched after it was published (to those who got the post).',
  },
  /** Extension: the repost count of a watched post (someone reposted it, or a repost of it was deleted). */
  'post:reposts': {
    payload: z.object({ postId: objectId, reposts: z.number() }),
    summary: 'The repost count of a watched post (reposted, or a repost of it deleted).',
  },
  /** Extension: comments deleted (a top-level one takes its replies); `removed` of them were counted. */
  'post:comment:remove': {
    payload: z.object({ postId: objectId, commentIds: z.array(objectId), removed: z.number() }),
    summary: 'Comments deleted (a top-level one takes its replies); `removed` of them were counted.',
  },
  'space:visitor': { payload: z.object({ visitor: o.userDto, at: z.string() }), summary: 'Someone visited your space.' },
  /** Extension: a photo added to (or re-captioned in) an album, to sockets with the album open. */
  'album:photo': {
    payload: z.object({ albumId: objectId, photo: o.photoDto }),
    summary: 'A photo added to (or re-captioned in) an open album.',
  },
  /** Extension: a photo deleted from an album (the album itself deleted: every photo), to sockets with it open. */
  'album:photo:remove': { payload: z.object({ albumId: objectId, photoId: objectId }), summary: 'A photo deleted from an open album.' },
  /** Extension: a post or comment was held (or put in review): to moderators watching the queue. */
  'moderation:queued': {
    payload: z.object({ post: o.postDto.optional(), comment: o.commentDto.optional() }),
    summary: 'A post or comment was held or put in review (moderators watching the queue).',
  },
  /** Extension: a new guestbook entry, to the owner and those watching the guestbook who may see it. */
  'guestbook:entry': {
    payload: z.object({ ownerId: objectId, entry: o.guestbookEntryDto }),
    summary: 'A new guestbook entry you may see.',
  },
  /** Extension: a guestbook entry deleted, to those who could see it. */
  'guestbook:remove': { payload: z.object({ ownerId: objectId, entryId: objectId }), summary: 'A guestbook entry deleted.' },
  /** v1.2 主人回复: the owner's reply under an entry, as it is now (null: removed); to whoever sees the entry. */
  'guestbook:reply': {
    payload: z.object({ ownerId: objectId, entryId: objectId, reply: o.guestbookReplyDto.nullable() }),
    summary: "The owner's reply under a guestbook entry you may see, as it is now (null: removed).",
  },
  /** v1.2 owner approval: a comment on the owner's post or a guestbook entry now waits; to the owner. */
  'approval:pending': {
    payload: z.object({ comment: o.commentDto.optional(), entry: o.guestbookEntryDto.optional() }),
    summary: 'A comment on your post or an entry in your guestbook waits for your approval.',
  },
  /** v1.2 owner approval: a waiting item was approved or rejected; to the owner and the item's author. */
  'approval:decided': {
    payload: z.object({ kind: z.enum(pendingKinds), id: objectId, approved: z.boolean() }),
    summary: 'A waiting comment or guestbook entry was approved or rejected (to the owner and its author).',
  },
  /** v1.2 分组: one of the owner's groups as it is now (created, renamed, members changed); to the owner's own sockets (every tab). */
  'group:update': {
    payload: z.object({ group: o.groupDto }),
    summary: 'One of your friend groups as it is now (created, renamed, members changed); to your own sockets.',
  },
  /** v1.2 分组: one of the owner's groups deleted; to the owner's own sockets. */
  'group:remove': {
    payload: z.object({ groupId: objectId }),
    summary: 'One of your friend groups was deleted; to your own sockets.',
  },
  /** v1.2 特别关心: a friend marked or unmarked for special care; to the marker's own sockets (every tab and device). */
  'care:change': {
    payload: z.object({ user: o.userDto, cared: z.boolean() }),
    summary: 'A friend you marked or unmarked for special care, from any of your tabs or devices; to your own sockets.',
  },
  /**
   * Extension: a space was certified or uncertified, or gained or lost a fan; to its owner and to those with
   * the space open (who watch its guestbook). The whole state, so a repeat or a late one does no harm.
   */
  'space:fans': {
    payload: z.object({ ownerId: objectId, certified: z.boolean(), fans: z.number() }),
    summary: 'A space was certified or uncertified, or gained or lost a fan (the whole state).',
  },
  /**
   * Extension: an album's card as it is now (made, a photo more or fewer, a new cover); to its owner and those
   * who may see it: everyone watching the space's guestbook for a public album, the owner's friends for a
   * friends-only one, the owner alone for a private one.
   */
  'space:album': {
    payload: z.object({ album: o.albumDto }),
    summary: "An album's card as it is now (made, a photo more or fewer, a new cover).",
  },
  /** Extension: an album deleted; to the same people as `space:album`. */
  'space:album:remove': { payload: z.object({ ownerId: objectId, albumId: objectId }), summary: 'An album deleted.' },
  /** Extension: a space's look changed (title, theme, layout, modules, music); to its owner and those with it open (`space:watch`). */
  'space:updated': {
    payload: z.object({ space: o.spaceDto }),
    summary: "A space's look as it is now (title, theme, layout, modules, music).",
  },
  notification: {
    payload: z.object({ notification: o.notificationDto, unread: z.number() }),
    summary: 'A new notification, with the unread count.',
  },
  /** Extension: another device of the same user read notifications up to `upTo`. */
  'notifications:read': {
    payload: z.object({ upTo: z.number(), unread: z.number() }),
    summary: 'Another device of yours read notifications up to `upTo`.',
  },
  invite: { payload: z.object({ invite: o.inviteDto }), summary: 'A game invite to you, or a change to one of yours.' },
  'game:state': { payload: z.object({ match: o.matchDto }), summary: 'A match of yours changed (a move, a resignation, the end).' },
  presence: { payload: z.object({ userId: objectId, online: z.boolean() }), summary: 'A friend came online or went offline.' },
  /** Extension: a friendship of yours was made (`friends: true`) or ended, by either side; to both users. */
  'friend:change': {
    payload: z.object({ userId: objectId, friends: z.boolean() }),
    summary: 'A friendship of yours was made or ended, by either side.',
  },
  /** Extension: a user's profile (name, bio, avatar) changed; to that user's own sockets and their friends. */
  'user:updated': { payload: z.object({ user: o.userDto }), summary: "A user's profile (name, bio, avatar) changed." },
  /**
   * Extension: a user is gone for you — they deleted their account (to their friends and those watching their
   * space) or blocked you (to you alone, who would get `not_found` for everything of theirs from now on).
   */
  'user:gone': { payload: z.object({ userId: objectId }), summary: 'A user is gone for you: they deleted their account, or blocked you.' },
  /** v1.2: a private message, to every socket of both people (each with their own `inboxSeq`). */
  'chat:message': { payload: z.object({ message: o.messageDto }), summary: 'A private message, to every device of both people.' },
  /** v1.2: `by` (a user id) read the conversation up to `upTo`; to both people, every device. */
  'chat:read': {
    payload: z.object({ conversationId: z.string(), by: objectId, upTo: z.number() }),
    summary: 'Someone read a conversation up to `upTo` (to both people, every device).',
  },
  /** v1.2: a message was recalled by its sender; to both people. */
  'chat:recall': {
    payload: z.object({ conversationId: z.string(), messageId: objectId }),
    summary: 'A message was recalled by its sender.',
  },
  /** v1.2: the friend `from` (a user id) is typing in the conversation; not stored. */
  'chat:typing': { payload: z.object({ conversationId: z.string(), from: objectId }), summary: 'A friend is typing to you.' },
  /** Extension: why the server is about to cut this socket off (flood, slow consumer, shutdown). */
  'server:notice': {
    payload: z.object({ code: z.enum(['rate_limited', 'slow_consumer', 'shutdown', 'invalid', 'revoked']), message: z.string() }),
    summary: 'Why the hub is about to cut this socket off.',
  },
} as const satisfies Readonly<Record<string, ServerEventSchema>>;
