/**
 * The shapes the hub answers with (REST bodies and socket payloads), as zod schemas: the API document
 * is built from them and shared/dto.ts is tied to them (see ties.ts), so renaming a field on one side
 * fails to compile until the other follows.
 */
import { z } from 'zod';
import {
  auditAction,
  friendRequestStatus,
  inviteStatus,
  matchStatus,
  moderationAction,
  notificationKind,
  notificationSubjectType,
  postKind,
  postStatus,
  privacy,
  reportStatus,
  reportSubjectKind,
  role,
  userLocale,
  spaceLayout,
  spaceModuleKind,
  tier,
} from './enums.js';

const id = z.string();
/** An ISO 8601 instant. */
const instant = z.string();

export const userDto = z.object({
  id,
  handle: z.string(),
  displayName: z.string(),
  tier,
  bio: z.string().optional(),
  avatarUrl: z.string().optional(),
  avatarLargeUrl: z.string().optional(),
});
export const meDto = userDto.extend({ role, locale: userLocale.optional(), hiddenVisits: z.boolean().optional() });
export const authResponse = z.object({ user: meDto, token: z.string() });

export const spaceTheme = z.object({
  background: z.object({ color: z.string(), imageUrl: z.string().nullable() }),
  colors: z.object({ accent: z.string(), text: z.string(), panel: z.string() }),
  layout: spaceLayout,
  transparency: z.number(),
});
export const spaceModule = z.object({ kind: spaceModuleKind, column: z.enum(['main', 'side']), order: z.number(), visible: z.boolean() });
export const spaceMusic = z.object({ title: z.string(), url: z.string() });
export const spaceDto = z.object({
  owner: userDto,
  title: z.string(),
  theme: spaceTheme,
  modules: z.array(spaceModule),
  music: spaceMusic.nullable(),
  certified: z.boolean(),
  stats: z.object({ visits: z.number(), fans: z.number().optional() }),
  approval: z.object({ comments: z.boolean(), guestbook: z.boolean() }).optional(),
});
export const visitorDto = z.object({ user: userDto, at: instant });
export const guestbookReplyDto = z.object({ text: z.string(), at: instant });
export const guestbookEntryDto = z.object({
  id,
  author: userDto,
  text: z.string(),
  private: z.boolean(),
  createdAt: instant,
  mentions: z.array(userDto).optional(),
  reply: guestbookReplyDto.nullable().optional(),
  pending: z.boolean().optional(),
});

export const friendRequestDto = z.object({ id, from: userDto, to: userDto, status: friendRequestStatus, createdAt: instant });
export const friendSuggestionDto = z.object({ user: userDto, mutualFriends: z.number() });
export const groupDto = z.object({ id, name: z.string(), members: z.array(userDto) });

export const photoDto = z.object({
  id,
  url: z.string(),
  thumbUrl: z.string(),
  bytes: z.number(),
  width: z.number(),
  height: z.number(),
  caption: z.string().optional(),
});
export const videoDto = z.object({
  id,
  url: z.string(),
  posterUrl: z.string(),
  durationMs: z.number(),
  width: z.number(),
  height: z.number(),
  bytes: z.number(),
});
export const albumDto = z.object({
  id,
  owner: userDto,
  title: z.string(),
  privacy,
  photoCount: z.number(),
  coverThumbUrl: z.string().nullable(),
  createdAt: instant,
  purpose: z.literal('shuoshuo').nullable().optional(),
  music: spaceMusic.nullable().optional(),
});
export const quotaDto = z.object({ used: z.number(), quota: z.number(), tier, uploadMaxBytes: z.number().optional() });

export const linkPreviewDto = z.object({
  url: z.string(),
  title: z.string(),
  description: z.string().optional(),
  image: z.string().optional(),
});

const postFields = {
  id,
  author: userDto,
  kind: postKind,
  title: z.string().optional(),
  text: z.string(),
  images: z.array(photoDto),
  video: videoDto.optional(),
  privacy,
  status: postStatus,
  createdAt: instant,
  counts: z.object({ likes: z.number(), comments: z.number(), reposts: z.number().optional() }),
  liked: z.boolean().optional(),
  mentions: z.array(userDto).optional(),
  publishAt: instant.optional(),
  preview: linkPreviewDto.optional(),
};
/** A repost embeds its original (one level: a repost of a repost embeds the original it reposted). */
const repostedDto = z.object(postFields);
export const postDto = z.object({ ...postFields, repostOf: repostedDto.nullable().optional() });
export const commentDto = z.object({
  id,
  postId: id,
  author: userDto,
  text: z.string(),
  parentId: id.nullable(),
  status: postStatus.optional(),
  createdAt: instant,
  mentions: z.array(userDto).optional(),
  pending: z.boolean().optional(),
});

/** A page of a cursor-paged list: `next` is the `before` cursor of the following page. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ next: z.string().nullable(), items: z.array(item) });

export const notificationSubject = z.object({
  type: notificationSubjectType,
  id,
  excerpt: z.string().optional(),
  count: z.number().optional(),
  detail: z.string().optional(),
  parentId: z.string().optional(),
});
export const notificationDto = z.object({
  seq: z.number(),
  kind: notificationKind,
  actor: userDto.nullable(),
  subject: notificationSubject,
  createdAt: instant,
  read: z.boolean(),
});

export const inviteDto = z.object({
  id,
  from: userDto,
  to: userDto,
  game: z.string(),
  status: inviteStatus,
  expiresAt: instant,
  matchId: id.nullable(),
});
export const gameDto = z.object({ id, name: z.string(), players: z.number() });
export const moveDto = z.object({ x: z.number(), y: z.number(), by: id, at: instant });
export const matchDto = z.object({
  id,
  game: z.string(),
  players: z.array(userDto),
  board: z.array(z.array(z.number())),
  turn: id.nullable(),
  winner: z.string().nullable(),
  moves: z.array(moveDto),
  status: matchStatus,
  endReason: z.enum(['five', 'draw', 'forfeit', 'resign']).optional(),
});

export const moderationRuleDto = z.object({ id, pattern: z.string(), action: moderationAction, createdAt: instant });
export const auditEntryDto = z.object({
  id,
  actor: z.object({ id, handle: z.string() }),
  action: auditAction,
  target: z.object({ type: z.enum(['rule', 'post', 'space', 'user', 'comment', 'guestbook', 'report']), id }),
  detail: z.string().nullable(),
  subject: z
    .object({ kind: z.enum(['post', 'comment', 'guestbook', 'user', 'message']), owner: z.string(), excerpt: z.string().optional() })
    .optional(),
  createdAt: instant,
});
export const reportDto = z.object({
  id,
  reporter: userDto,
  subject: z.object({ kind: reportSubjectKind, id, excerpt: z.string().optional(), postId: id.optional() }),
  reason: z.string(),
  status: reportStatus,
  createdAt: instant,
  resolvedAt: instant.optional(),
});

/** v1.2: a private message; `post` is the shared post as the recipient may see it (null otherwise). */
export const messageDto = z.object({
  id,
  conversationId: z.string(),
  seq: z.number(),
  from: userDto,
  text: z.string().optional(),
  photo: photoDto.optional(),
  post: postDto.nullable().optional(),
  sentAt: instant,
  recalled: z.boolean().optional(),
  inboxSeq: z.number().optional(),
  read: z.boolean().optional(),
});
export const conversationDto = z.object({
  id: z.string(),
  peer: userDto,
  last: messageDto.nullable(),
  unread: z.number(),
  updatedAt: instant,
});
