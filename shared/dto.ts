/**
 * Data shapes that cross the wire, inferred from their zod schemas in schemas/dto/objects.ts (the one
 * source the API document is also built from): a field renamed there fails to compile wherever it is
 * used. The fields' docs are written on the schemas and show on these types; the word lists (unions)
 * come from the zod enums in schemas/dto/enums.ts.
 */
import type { z } from 'zod';
import type * as enums from './schemas/dto/enums.js';
import type * as o from './schemas/dto/objects.js';

/** T with every field and array readonly, all the way down: the contract's shapes are read, not changed. */
export type DeepReadonly<T> = T extends readonly (infer I)[]
  ? readonly DeepReadonly<I>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The shape a schema describes, as code reads it. */
export type Shape<S extends z.ZodType> = DeepReadonly<z.output<S>>;

export type Tier = z.output<typeof enums.tier>;
export type Role = z.output<typeof enums.role>;
export type Privacy = z.output<typeof enums.privacy>;
export type PostKind = z.output<typeof enums.postKind>;
/** `held` and `review` are visible to the author alone until a moderator approves. */
export type PostStatus = z.output<typeof enums.postStatus>;

export type UserDto = Shape<typeof o.userDto>;

/** The signed-in user as `/api/me` and auth answers show it. */
export type MeDto = Shape<typeof o.meDto>;

export type UserLocale = z.output<typeof enums.userLocale>;

export type AuthResponse = Shape<typeof o.authResponse>;

export type SpaceLayout = z.output<typeof enums.spaceLayout>;
export type SpaceModuleKind = z.output<typeof enums.spaceModuleKind>;

export type SpaceTheme = Shape<typeof o.spaceTheme>;
export type SpaceModule = Shape<typeof o.spaceModule>;
export type SpaceMusic = Shape<typeof o.spaceMusic>;
export type SpaceDto = Shape<typeof o.spaceDto>;
export type VisitorDto = Shape<typeof o.visitorDto>;
export type GuestbookEntryDto = Shape<typeof o.guestbookEntryDto>;

/** v1.2: the space owner's reply under a guestbook entry. */
export type GuestbookReplyDto = Shape<typeof o.guestbookReplyDto>;

export type FriendRequestStatus = z.output<typeof enums.friendRequestStatus>;

export type FriendRequestDto = Shape<typeof o.friendRequestDto>;
export type PhotoDto = Shape<typeof o.photoDto>;

/** v1.2: a video a shuoshuo carries; `url` and `posterUrl` are signed like photos of non-public albums. */
export type VideoDto = Shape<typeof o.videoDto>;

export type AlbumDto = Shape<typeof o.albumDto>;

/** A post; a repost's `repostOf` embeds the original, one level deep. */
export type PostDto = Shape<typeof o.postDto>;

/** v1.2: a link's preview card; `image` is served by the hub (never the remote URL). */
export type LinkPreviewDto = Shape<typeof o.linkPreviewDto>;

export type CommentDto = Shape<typeof o.commentDto>;

/**
 * A page of a cursor-paged list. Written out rather than inferred: it is generic over its item type,
 * which a schema (`pageOf(item)` in objects.ts) is only once given a schema for the item.
 */
export interface PageDto<T> {
  readonly next: string | null;
  readonly items: readonly T[];
}

export type NotificationKind = z.output<typeof enums.notificationKind>;

export type NotificationSubjectType = z.output<typeof enums.notificationSubjectType>;

export type NotificationSubject = Shape<typeof o.notificationSubject>;
export type NotificationDto = Shape<typeof o.notificationDto>;

export type InviteStatus = z.output<typeof enums.inviteStatus>;

export type InviteDto = Shape<typeof o.inviteDto>;
export type GameDto = Shape<typeof o.gameDto>;
export type MoveDto = Shape<typeof o.moveDto>;

export type MatchStatus = z.output<typeof enums.matchStatus>;
/** How a finished match ended. */
export type MatchEndReason = z.output<typeof enums.matchEndReason>;

export type MatchDto = Shape<typeof o.matchDto>;

export type ModerationAction = z.output<typeof enums.moderationAction>;

export type ModerationRuleDto = Shape<typeof o.moderationRuleDto>;

/** Extension: what a moderator did, as the audit log keeps it. */
export type AuditAction = z.output<typeof enums.auditAction>;

export type AuditEntryDto = Shape<typeof o.auditEntryDto>;

/** The item a moderator acted on, as kept in the log when the action was taken. */
export type AuditSubject = NonNullable<AuditEntryDto['subject']>;

/** Extension: a user's photo storage. */
export type QuotaDto = Shape<typeof o.quotaDto>;

/** v1.1: what a report is about. */
export type ReportSubjectKind = z.output<typeof enums.reportSubjectKind>;
export type ReportStatus = z.output<typeof enums.reportStatus>;

export type ReportDto = Shape<typeof o.reportDto>;

/** v1.1: a friend-of-friends suggestion. */
export type FriendSuggestionDto = Shape<typeof o.friendSuggestionDto>;

/** v1.2: one of the owner's friend groups (分组), seen by its owner alone. */
export type GroupDto = Shape<typeof o.groupDto>;

/** v1.2: a private message between two friends. */
export type MessageDto = Shape<typeof o.messageDto>;

/** v1.2: a conversation as its list shows it. */
export type ConversationDto = Shape<typeof o.conversationDto>;
