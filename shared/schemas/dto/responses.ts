/**
 * What each REST endpoint answers (its `response:` declaration): the API document shows these, the
 * typed client (shared/api-client.ts) reads its answer types from them, and a handler whose result
 * does not fit its declared answer fails to compile.
 */
import { z } from 'zod';
import * as o from './objects.js';

const list = <K extends string, T extends z.ZodType>(key: K, item: T) => z.object({ [key]: z.array(item) } as Record<K, z.ZodArray<T>>);
const one = <K extends string, T extends z.ZodType>(key: K, item: T) => z.object({ [key]: item } as Record<K, T>);
const next = z.string().nullable();

// accounts
export const auth = o.authResponse;
export const me = one('user', o.meDto);
export const token = z.object({ token: z.string() });
// spaces
export const space = one('space', o.spaceDto);
export const visitors = list('visitors', o.visitorDto);
export const guestbookPage = z.object({ entries: z.array(o.guestbookEntryDto), next });
export const guestbookEntry = one('entry', o.guestbookEntryDto);
// friends, blocks, search
export const friendRequest = one('request', o.friendRequestDto);
export const friendRequests = z.object({ incoming: z.array(o.friendRequestDto), outgoing: z.array(o.friendRequestDto) });
export const friend = one('friend', o.userDto);
export const friends = list('friends', o.userDto);
export const users = list('users', o.userDto);
export const user = one('user', o.userDto);
export const suggestions = list('suggestions', o.friendSuggestionDto);
export const groups = list('groups', o.groupDto);
export const group = one('group', o.groupDto);
// posts
export const post = one('post', o.postDto);
export const postPage = z.object({ posts: z.array(o.postDto), next });
/** v1.2: the viewer's scheduled posts, soonest first. */
export const scheduledPosts = z.object({ posts: z.array(o.postDto) });
export const comment = one('comment', o.commentDto);
export const comments = list('comments', o.commentDto);
export const likeState = z.object({ likes: z.number(), liked: z.boolean() });
/** v1.2: who liked a post, a page at a time. */
export const likers = z.object({ users: z.array(o.userDto), next });
// albums
export const album = one('album', o.albumDto);
export const albums = list('albums', o.albumDto);
export const photo = one('photo', o.photoDto);
export const video = one('video', o.videoDto);
export const photoPage = z.object({ photos: z.array(o.photoDto), next });
export const quota = o.quotaDto;
// fans
export const fanState = z.object({ fans: z.number(), fan: z.boolean() });
export const certified = z.object({ user: o.userDto, certified: z.boolean(), fans: z.number() });
// notifications
export const notifications = z.object({ notifications: z.array(o.notificationDto), unread: z.number() });
export const unread = z.object({ unread: z.number() });
export const muted = z.object({ muted: z.array(o.notificationDto.shape.kind) });
// games
export const games = list('games', o.gameDto);
export const invite = one('invite', o.inviteDto);
export const invites = z.object({ incoming: z.array(o.inviteDto), outgoing: z.array(o.inviteDto) });
export const inviteAccepted = z.object({ invite: o.inviteDto, match: o.matchDto });
export const match = one('match', o.matchDto);
export const matchPage = z.object({ matches: z.array(o.matchDto), next });
// moderation, reports
export const rule = one('rule', o.moderationRuleDto);
export const rules = list('rules', o.moderationRuleDto);
export const queue = z.object({ posts: z.array(o.postDto), comments: z.array(o.commentDto) });
export const audit = list('entries', o.auditEntryDto);
export const report = one('report', o.reportDto);
export const reports = list('reports', o.reportDto);
// chat
export const conversations = z.object({ conversations: z.array(o.conversationDto), next });
export const message = one('message', o.messageDto);
export const messages = list('messages', o.messageDto);
export const meWithUnread = z.object({ user: o.meDto, unreadMessages: z.number() });
// v1.2 owner approval
export const pendingItems = z.object({ comments: z.array(o.commentDto), entries: z.array(o.guestbookEntryDto) });
export const approvedItem = z.object({ comment: o.commentDto.optional(), entry: o.guestbookEntryDto.optional() });
// system
export const live = z.object({ ok: z.boolean(), node: z.string() });
export const ready = z.object({ ok: z.boolean(), store: z.enum(['up', 'down']), redis: z.enum(['up', 'down']).optional() });
export const health = z.object({
  ok: z.boolean(),
  node: z.string(),
  engine: z.enum(['uws', 'ws']),
  store: z.enum(['up', 'down']),
  redis: z.enum(['up', 'down']).optional(),
  sockets: z.number(),
  uptimeSeconds: z.number(),
});
export const clientConfig = z.object({ realtimeUrl: z.string() });
/** The OpenAPI document itself: any JSON object. */
export const openApi = z.record(z.string(), z.unknown());
