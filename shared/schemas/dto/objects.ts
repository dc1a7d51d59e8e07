/**
 * The shapes the hub answers with (REST bodies and socket payloads), as zod schemas: the one source of
 * them. The API document is built from these, and shared/dto.ts infers its types from them, so a field
 * renamed here fails to compile wherever it is used. Field docs written here show on the inferred types.
 */
import { z } from 'zod';
import {
  albumPurpose,
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
  matchEndReason,
  spaceColumn,
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
  /** v1.1: a short self-description, when the user wrote one. */
  bio: z.string().optional(),
  /** v1.1: the small (square) avatar, when the user chose one of their photos. */
  avatarUrl: z.string().optional(),
  /** v1.1: the large avatar. */
  avatarLargeUrl: z.string().optional(),
});
export const meDto = userDto.extend({
  role,
  /** The language the person last used (sent at sign-up and by the language switch); absent when never told. */
  locale: userLocale.optional(),
  /** v1.2 隐身访问, yellow tier: this person's visits are neither recorded, counted nor announced (absent: off). */
  hiddenVisits: z.boolean().optional(),
});
export const authResponse = z.object({ user: meDto, token: z.string() });

export const spaceTheme = z.object({
  background: z.object({ color: z.string(), imageUrl: z.string().nullable() }),
  colors: z.object({ accent: z.string(), text: z.string(), panel: z.string() }),
  layout: spaceLayout,
  /** Module panel transparency, 0 (opaque) to 0.9. */
  transparency: z.number(),
});
export const spaceModule = z.object({ kind: spaceModuleKind, column: spaceColumn, order: z.number(), visible: z.boolean() });
export const spaceMusic = z.object({ title: z.string(), url: z.string() });
export const spaceDto = z.object({
  owner: userDto,
  title: z.string(),
  theme: spaceTheme,
  modules: z.array(spaceModule),
  music: spaceMusic.nullable(),
  certified: z.boolean(),
  stats: z.object({ visits: z.number(), fans: z.number().optional() }),
  /** v1.2 owner approval (评论审核/留言审核): shown to the owner only. */
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
  /** v1.1: users mentioned with `@handle`, as far as the viewer may see them. */
  mentions: z.array(userDto).optional(),
  /** v1.2 主人回复: the owner's reply under the entry, or null when there is none. */
  reply: guestbookReplyDto.nullable().optional(),
  /** v1.2: waiting for the owner's approval (seen so by its author and the owner only). */
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
  /** Extension: the owner's caption, empty when none. */
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
  /** Extension: `shuoshuo` for the album photos attached to shuoshuo go into; null for albums made by hand. */
  purpose: albumPurpose.nullable().optional(),
  /** v1.2: background music played while the album is open (相册背景音乐); null or absent when none. */
  music: spaceMusic.nullable().optional(),
});
export const quotaDto = z.object({
  used: z.number(),
  quota: z.number(),
  tier,
  /** The largest single upload the hub takes, so a client can say so before sending. */
  uploadMaxBytes: z.number().optional(),
});

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
  /** v1.2, shuoshuo only: the one video it carries instead of photos. */
  video: videoDto.optional(),
  privacy,
  status: postStatus,
  createdAt: instant,
  counts: z.object({ likes: z.number(), comments: z.number(), reposts: z.number().optional() }),
  /** Whether the viewer likes it; present when the viewer is signed in. */
  liked: z.boolean().optional(),
  /** v1.1: users mentioned with `@handle`, as far as the viewer may see them. */
  mentions: z.array(userDto).optional(),
  /** v1.2, status `scheduled` only (its author alone sees it): when it will be published. */
  publishAt: instant.optional(),
  /** v1.2: the preview of its first link, once the hub fetched one (`post:preview` tells it live). */
  preview: linkPreviewDto.optional(),
};
/** A repost embeds its original (one level: a repost of a repost embeds the original it reposted). */
const repostedDto = z.object(postFields);
export const postDto = z.object({
  ...postFields,
  /**
   * v1.1, reposts only: the original as the viewer may see it, or null when the viewer may not see
   * it (privacy, blocking) or it is gone. A repost of a repost embeds the original it reposted.
   */
  repostOf: repostedDto.nullable().optional(),
});
export const commentDto = z.object({
  id,
  postId: id,
  author: userDto,
  text: z.string(),
  parentId: id.nullable(),
  status: postStatus.optional(),
  createdAt: instant,
  /** v1.1: users mentioned with `@handle`, as far as the viewer may see them. */
  mentions: z.array(userDto).optional(),
  /** v1.2: waiting for the post owner's approval (seen so by its author and the post's owner only). */
  pending: z.boolean().optional(),
});

/** A page of a cursor-paged list: `next` is the `before` cursor of the following page. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ next: z.string().nullable(), items: z.array(item) });

export const notificationSubject = z.object({
  type: notificationSubjectType,
  id,
  /** A short excerpt of the subject's text, already plain. */
  excerpt: z.string().optional(),
  /** For grouped likes: how many people liked since the last read. */
  count: z.number().optional(),
  /** Free-form detail, e.g. the moderation outcome. */
  detail: z.string().optional(),
  /** For a comment or guestbook entry: the post or space (owner handle) it belongs to. */
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
  /** players[0] moves first (black in Gomoku). */
  players: z.array(userDto),
  /** board[y][x]: 0 empty, 1 first player, 2 second player. */
  board: z.array(z.array(z.number())),
  /** The user id whose turn it is; null once finished. */
  turn: id.nullable(),
  /** The winner's user id, 'draw', or null while playing. */
  winner: z.string().nullable(),
  moves: z.array(moveDto),
  status: matchStatus,
  endReason: matchEndReason.optional(),
});

export const moderationRuleDto = z.object({ id, pattern: z.string(), action: moderationAction, createdAt: instant });
export const auditEntryDto = z.object({
  id,
  actor: z.object({ id, handle: z.string() }),
  action: auditAction,
  target: z.object({ type: z.enum(['rule', 'post', 'space', 'user', 'comment', 'guestbook', 'report']), id }),
  detail: z.string().nullable(),
  /** What the action was about, named as people know it: whose and what (e.g. 小刚的动态「…」), never an id. */
  subject: z
    .object({
      kind: z.enum(['post', 'comment', 'guestbook', 'user', 'message']),
      /** The display name of its author (or of the user). */
      owner: z.string(),
      excerpt: z.string().optional(),
    })
    .optional(),
  createdAt: instant,
});
export const reportDto = z.object({
  id,
  reporter: userDto,
  subject: z.object({
    kind: reportSubjectKind,
    id,
    excerpt: z.string().optional(),
    /** Extension: for a comment still there, the post it is on (the queue links to it). */
    postId: id.optional(),
  }),
  reason: z.string(),
  status: reportStatus,
  createdAt: instant,
  resolvedAt: instant.optional(),
});

/** v1.2: a private message; `post` is the shared post as the recipient may see it (null otherwise). */
export const messageDto = z.object({
  id,
  conversationId: z.string(),
  /** Counts up by one per conversation, from 1, with no gaps. */
  seq: z.number(),
  from: userDto,
  text: z.string().optional(),
  photo: photoDto.optional(),
  /** A shared post as the recipient may see it; null when they may not (or it is gone). */
  post: postDto.nullable().optional(),
  sentAt: instant,
  /** Recalled by its sender: its text, photo and post are gone. */
  recalled: z.boolean().optional(),
  /** The viewer's own inbox number of this message (the cursor of `chat:sync`). */
  inboxSeq: z.number().optional(),
  /** Extension: the recipient has read it ("已读"). */
  read: z.boolean().optional(),
});
export const conversationDto = z.object({
  id: z.string(),
  peer: userDto,
  last: messageDto.nullable(),
  /** Messages from the peer the viewer has not read. */
  unread: z.number(),
  updatedAt: instant,
});
