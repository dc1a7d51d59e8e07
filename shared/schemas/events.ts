/**
 * The socket events as zod schemas: for each client → server event the payload the hub validates and
 * the success fields of its acknowledgement; for each server → client event its payload. The handlers
 * validate with these payload schemas, docs/api.md is written from them, and event-ties.ts ties each
 * one to its type in shared/events.ts at compile time.
 */
import { z } from 'zod';
import type { ClientEventName, ServerEventName } from '../events.js';
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
  'album:watch': { payload: albumWatchPayload, ack: none, summary: 'Follow an album the viewer may see while it is open.' },
  'album:unwatch': { payload: albumWatchPayload, ack: none, summary: 'Stop following an album.' },
  'moderation:watch': { payload: empty, ack: none, summary: 'Moderators only: hear of newly held posts and comments.' },
  'guestbook:watch': { payload: spaceEnterPayload, ack: none, summary: "Follow a space's guestbook while it is on screen." },
  'guestbook:unwatch': { payload: spaceEnterPayload, ack: none, summary: 'Stop following a guestbook.' },
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
  'presence:list': {
    payload: empty,
    ack: z.object({ online: z.array(z.string()) }),
    summary: "Which of the caller's friends are online now.",
  },
  'chat:send': {
    payload: chatSendPayload,
    ack: z.object({ message: o.messageDto }),
    summary: 'Send a private message to a friend (the rules and answer of the REST send).',
  },
  'chat:typing': { payload: chatTypingPayload, ack: none, summary: 'Tell a friend you are typing (at most one per 2 s is relayed).' },
  'chat:sync': {
    payload: chatSyncPayload,
    ack: z.object({ messages: z.array(o.messageDto), unread: z.number() }),
    summary: 'Every message of your inbox numbered after `after` (what a reconnecting client missed), and the unread total.',
  },
  ping: { payload: empty, ack: z.object({ at: z.number() }), summary: 'A round trip (latency; tests awaiting order).' },
} as const satisfies { readonly [E in ClientEventName]: ClientEventSchema };

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
  'post:preview': {
    payload: z.object({ postId: objectId, preview: o.linkPreviewDto }),
    summary: 'The preview of a post’s first link, fetched after it was published (to those who got the post).',
  },
  'post:reposts': {
    payload: z.object({ postId: objectId, reposts: z.number() }),
    summary: 'The repost count of a watched post (reposted, or a repost of it deleted).',
  },
  'post:comment:remove': {
    payload: z.object({ postId: objectId, commentIds: z.array(objectId), removed: z.number() }),
    summary: 'Comments deleted (a top-level one takes its replies); `removed` of them were counted.',
  },
  'space:visitor': { payload: z.object({ visitor: o.userDto, at: z.string() }), summary: 'Someone visited your space.' },
  'album:photo': {
    payload: z.object({ albumId: objectId, photo: o.photoDto }),
    summary: 'A photo added to (or re-captioned in) an open album.',
  },
  'album:photo:remove': { payload: z.object({ albumId: objectId, photoId: objectId }), summary: 'A photo deleted from an open album.' },
  'moderation:queued': {
    payload: z.object({ post: o.postDto.optional(), comment: o.commentDto.optional() }),
    summary: 'A post or comment was held or put in review (moderators watching the queue).',
  },
  'guestbook:entry': {
    payload: z.object({ ownerId: objectId, entry: o.guestbookEntryDto }),
    summary: 'A new guestbook entry you may see.',
  },
  'guestbook:remove': { payload: z.object({ ownerId: objectId, entryId: objectId }), summary: 'A guestbook entry deleted.' },
  'guestbook:reply': {
    payload: z.object({ ownerId: objectId, entryId: objectId, reply: o.guestbookReplyDto.nullable() }),
    summary: "The owner's reply under a guestbook entry you may see, as it is now (null: removed).",
  },
  'approval:pending': {
    payload: z.object({ comment: o.commentDto.optional(), entry: o.guestbookEntryDto.optional() }),
    summary: 'A comment on your post or an entry in your guestbook waits for your approval.',
  },
  'approval:decided': {
    payload: z.object({ kind: z.enum(pendingKinds), id: objectId, approved: z.boolean() }),
    summary: 'A waiting comment or guestbook entry was approved or rejected (to the owner and its author).',
  },
  'group:update': {
    payload: z.object({ group: o.groupDto }),
    summary: 'One of your friend groups as it is now (created, renamed, members changed); to your own sockets.',
  },
  'group:remove': {
    payload: z.object({ groupId: objectId }),
    summary: 'One of your friend groups was deleted; to your own sockets.',
  },
  'space:fans': {
    payload: z.object({ ownerId: objectId, certified: z.boolean(), fans: z.number() }),
    summary: 'A space was certified or uncertified, or gained or lost a fan (the whole state).',
  },
  'space:album': {
    payload: z.object({ album: o.albumDto }),
    summary: "An album's card as it is now (made, a photo more or fewer, a new cover).",
  },
  'space:album:remove': { payload: z.object({ ownerId: objectId, albumId: objectId }), summary: 'An album deleted.' },
  'space:updated': {
    payload: z.object({ space: o.spaceDto }),
    summary: "A space's look as it is now (title, theme, layout, modules, music).",
  },
  notification: {
    payload: z.object({ notification: o.notificationDto, unread: z.number() }),
    summary: 'A new notification, with the unread count.',
  },
  'notifications:read': {
    payload: z.object({ upTo: z.number(), unread: z.number() }),
    summary: 'Another device of yours read notifications up to `upTo`.',
  },
  invite: { payload: z.object({ invite: o.inviteDto }), summary: 'A game invite to you, or a change to one of yours.' },
  'game:state': { payload: z.object({ match: o.matchDto }), summary: 'A match of yours changed (a move, a resignation, the end).' },
  presence: { payload: z.object({ userId: objectId, online: z.boolean() }), summary: 'A friend came online or went offline.' },
  'friend:change': {
    payload: z.object({ userId: objectId, friends: z.boolean() }),
    summary: 'A friendship of yours was made or ended, by either side.',
  },
  'user:updated': { payload: z.object({ user: o.userDto }), summary: "A user's profile (name, bio, avatar) changed." },
  'user:gone': { payload: z.object({ userId: objectId }), summary: 'A user is gone for you: they deleted their account, or blocked you.' },
  'chat:message': { payload: z.object({ message: o.messageDto }), summary: 'A private message, to every device of both people.' },
  'chat:read': {
    payload: z.object({ conversationId: z.string(), by: objectId, upTo: z.number() }),
    summary: 'Someone read a conversation up to `upTo` (to both people, every device).',
  },
  'chat:recall': {
    payload: z.object({ conversationId: z.string(), messageId: objectId }),
    summary: 'A message was recalled by its sender.',
  },
  'chat:typing': { payload: z.object({ conversationId: z.string(), from: objectId }), summary: 'A friend is typing to you.' },
  'server:notice': {
    payload: z.object({ code: z.enum(['rate_limited', 'slow_consumer', 'shutdown', 'invalid', 'revoked']), message: z.string() }),
    summary: 'Why the hub is about to cut this socket off.',
  },
} as const satisfies { readonly [E in ServerEventName]: ServerEventSchema };
