/**
 * Data shapes that cross the wire, as the contract describes them. The word lists (unions) derive
 * from the zod enums in schemas/dto/enums.ts; each interface is tied to its zod schema in
 * schemas/dto/ties.ts, so a field renamed here or there fails to compile until both agree.
 */
import type { z } from 'zod';
import type * as enums from './schemas/dto/enums.js';

export type Tier = z.output<typeof enums.tier>;
export type Role = z.output<typeof enums.role>;
export type Privacy = z.output<typeof enums.privacy>;
export type PostKind = z.output<typeof enums.postKind>;
/** `held` and `review` are visible to the author alone until a moderator approves. */
export type PostStatus = z.output<typeof enums.postStatus>;

export interface UserDto {
  readonly id: string;
  readonly handle: string;
  readonly displayName: string;
  readonly tier: Tier;
  /** v1.1: a short self-description, when the user wrote one. */
  readonly bio?: string;
  /** v1.1: the small (square) avatar, when the user chose one of their photos. */
  readonly avatarUrl?: string;
  /** v1.1: the large avatar. */
  readonly avatarLargeUrl?: string;
}

/** The signed-in user as `/api/me` and auth answers show it. */
export interface MeDto extends UserDto {
  readonly role: Role;
  /** The language the person last used (sent at sign-up and by the language switch); absent when never told. */
  readonly locale?: UserLocale;
  /** v1.2 隐身访问, yellow tier: this person's visits are neither recorded, counted nor announced (absent: off). */
  readonly hiddenVisits?: boolean;
}

export type UserLocale = z.output<typeof enums.userLocale>;

export interface AuthResponse {
  readonly user: MeDto;
  readonly token: string;
}

export type SpaceLayout = z.output<typeof enums.spaceLayout>;
export type SpaceModuleKind = z.output<typeof enums.spaceModuleKind>;

export interface SpaceTheme {
  readonly background: { readonly color: string; readonly imageUrl: string | null };
  readonly colors: { readonly accent: string; readonly text: string; readonly panel: string };
  readonly layout: SpaceLayout;
  /** Module panel transparency, 0 (opaque) to 0.9. */
  readonly transparency: number;
}

export interface SpaceModule {
  readonly kind: SpaceModuleKind;
  readonly column: 'main' | 'side';
  readonly order: number;
  readonly visible: boolean;
}

export interface SpaceMusic {
  readonly title: string;
  readonly url: string;
}

export interface SpaceDto {
  readonly owner: UserDto;
  readonly title: string;
  readonly theme: SpaceTheme;
  readonly modules: readonly SpaceModule[];
  readonly music: SpaceMusic | null;
  readonly certified: boolean;
  readonly stats: { readonly visits: number; readonly fans?: number };
  /** v1.2 owner approval (评论审核/留言审核): shown to the owner only. */
  readonly approval?: { readonly comments: boolean; readonly guestbook: boolean };
}

export interface VisitorDto {
  readonly user: UserDto;
  readonly at: string;
}

export interface GuestbookEntryDto {
  readonly id: string;
  readonly author: UserDto;
  readonly text: string;
  readonly private: boolean;
  readonly createdAt: string;
  /** v1.1: users mentioned with `@handle`, as far as the viewer may see them. */
  readonly mentions?: readonly UserDto[];
  /** v1.2 主人回复: the owner's reply under the entry, or null when there is none. */
  readonly reply?: GuestbookReplyDto | null;
  /** v1.2: waiting for the owner's approval (seen so by its author and the owner only). */
  readonly pending?: boolean;
}

/** v1.2: the space owner's reply under a guestbook entry. */
export interface GuestbookReplyDto {
  readonly text: string;
  readonly at: string;
}

export type FriendRequestStatus = z.output<typeof enums.friendRequestStatus>;

export interface FriendRequestDto {
  readonly id: string;
  readonly from: UserDto;
  readonly to: UserDto;
  readonly status: FriendRequestStatus;
  readonly createdAt: string;
}

export interface PhotoDto {
  readonly id: string;
  readonly url: string;
  readonly thumbUrl: string;
  readonly bytes: number;
  readonly width: number;
  readonly height: number;
  /** Extension: the owner's caption, empty when none. */
  readonly caption?: string;
}

/** v1.2: a video a shuoshuo carries; `url` and `posterUrl` are signed like photos of non-public albums. */
export interface VideoDto {
  readonly id: string;
  readonly url: string;
  readonly posterUrl: string;
  readonly durationMs: number;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
}

export interface AlbumDto {
  readonly id: string;
  readonly owner: UserDto;
  readonly title: string;
  readonly privacy: Privacy;
  readonly photoCount: number;
  readonly coverThumbUrl: string | null;
  readonly createdAt: string;
  /** Extension: `shuoshuo` for the album photos attached to shuoshuo go into; null for albums made by hand. */
  readonly purpose?: 'shuoshuo' | null;
  /** v1.2: background music played while the album is open (相册背景音乐); null or absent when none. */
  readonly music?: SpaceMusic | null;
}

export interface PostDto {
  readonly id: string;
  readonly author: UserDto;
  readonly kind: PostKind;
  readonly title?: string;
  readonly text: string;
  readonly images: readonly PhotoDto[];
  /** v1.2, shuoshuo only: the one video it carries instead of photos. */
  readonly video?: VideoDto;
  readonly privacy: Privacy;
  readonly status: PostStatus;
  readonly createdAt: string;
  readonly counts: { readonly likes: number; readonly comments: number; readonly reposts?: number };
  /** Whether the viewer likes it; present when the viewer is signed in. */
  readonly liked?: boolean;
  /** v1.1: users mentioned with `@handle`, as far as the viewer may see them. */
  readonly mentions?: readonly UserDto[];
  /**
   * v1.1, reposts only: the original as the viewer may see it, or null when the viewer may not see
   * it (privacy, blocking) or it is gone. A repost of a repost embeds the original it reposted.
   */
  readonly repostOf?: PostDto | null;
  /** v1.2, status `scheduled` only (its author alone sees it): when it will be published. */
  readonly publishAt?: string;
  /** v1.2: the preview of its first link, once the hub fetched one (`post:preview` tells it live). */
  readonly preview?: LinkPreviewDto;
}

/** v1.2: a link's preview card; `image` is served by the hub (never the remote URL). */
export interface LinkPreviewDto {
  readonly url: string;
  readonly title: string;
  readonly description?: string;
  readonly image?: string;
}

export interface CommentDto {
  readonly id: string;
  readonly postId: string;
  readonly author: UserDto;
  readonly text: string;
  readonly parentId: string | null;
  readonly status?: PostStatus;
  readonly createdAt: string;
  /** v1.1: users mentioned with `@handle`, as far as the viewer may see them. */
  readonly mentions?: readonly UserDto[];
  /** v1.2: waiting for the post owner's approval (seen so by its author and the post's owner only). */
  readonly pending?: boolean;
}

export interface PageDto<T> {
  readonly next: string | null;
  readonly items: readonly T[];
}

export type NotificationKind = z.output<typeof enums.notificationKind>;

export type NotificationSubjectType = z.output<typeof enums.notificationSubjectType>;

export interface NotificationSubject {
  readonly type: NotificationSubjectType;
  readonly id: string;
  /** A short excerpt of the subject's text, already plain. */
  readonly excerpt?: string;
  /** For grouped likes: how many people liked since the last read. */
  readonly count?: number;
  /** Free-form detail, e.g. the moderation outcome. */
  readonly detail?: string;
  /** For a comment or guestbook entry: the post or space (owner handle) it belongs to. */
  readonly parentId?: string;
}

export interface NotificationDto {
  readonly seq: number;
  readonly kind: NotificationKind;
  readonly actor: UserDto | null;
  readonly subject: NotificationSubject;
  readonly createdAt: string;
  readonly read: boolean;
}

export type InviteStatus = z.output<typeof enums.inviteStatus>;

export interface InviteDto {
  readonly id: string;
  readonly from: UserDto;
  readonly to: UserDto;
  readonly game: string;
  readonly status: InviteStatus;
  readonly expiresAt: string;
  readonly matchId: string | null;
}

export interface GameDto {
  readonly id: string;
  readonly name: string;
  readonly players: number;
}

export interface MoveDto {
  readonly x: number;
  readonly y: number;
  readonly by: string;
  readonly at: string;
}

export type MatchStatus = z.output<typeof enums.matchStatus>;

export interface MatchDto {
  readonly id: string;
  readonly game: string;
  /** players[0] moves first (black in Gomoku). */
  readonly players: readonly UserDto[];
  /** board[y][x]: 0 empty, 1 first player, 2 second player. */
  readonly board: readonly (readonly number[])[];
  /** The user id whose turn it is; null once finished. */
  readonly turn: string | null;
  /** The winner's user id, 'draw', or null while playing. */
  readonly winner: string | null;
  readonly moves: readonly MoveDto[];
  readonly status: MatchStatus;
  readonly endReason?: 'five' | 'draw' | 'forfeit' | 'resign';
}

export type ModerationAction = z.output<typeof enums.moderationAction>;

export interface ModerationRuleDto {
  readonly id: string;
  readonly pattern: string;
  readonly action: ModerationAction;
  readonly createdAt: string;
}

/** Extension: what a moderator did, as the audit log keeps it. */
export type AuditAction = z.output<typeof enums.auditAction>;

export interface AuditEntryDto {
  readonly id: string;
  readonly actor: { readonly id: string; readonly handle: string };
  readonly action: AuditAction;
  readonly target: { readonly type: 'rule' | 'post' | 'space' | 'user' | 'comment' | 'guestbook' | 'report'; readonly id: string };
  readonly detail: string | null;
  /** What the action was about, named as people know it: whose and what (e.g. 小刚的动态「…」), never an id. */
  readonly subject?: AuditSubject;
  readonly createdAt: string;
}

/** The item a moderator acted on, as kept in the log when the action was taken. */
export interface AuditSubject {
  readonly kind: 'post' | 'comment' | 'guestbook' | 'user' | 'message';
  /** The display name of its author (or of the user). */
  readonly owner: string;
  readonly excerpt?: string;
}

/** Extension: a user's photo storage. */
export interface QuotaDto {
  readonly used: number;
  readonly quota: number;
  readonly tier: Tier;
  /** The largest single upload the hub takes, so a client can say so before sending. */
  readonly uploadMaxBytes?: number;
}

/** v1.1: what a report is about. */
export type ReportSubjectKind = z.output<typeof enums.reportSubjectKind>;
export type ReportStatus = z.output<typeof enums.reportStatus>;

export interface ReportDto {
  readonly id: string;
  readonly reporter: UserDto;
  readonly subject: {
    readonly kind: ReportSubjectKind;
    readonly id: string;
    readonly excerpt?: string;
    /** Extension: for a comment still there, the post it is on (the queue links to it). */
    readonly postId?: string;
  };
  readonly reason: string;
  readonly status: ReportStatus;
  readonly createdAt: string;
  readonly resolvedAt?: string;
}

/** v1.1: a friend-of-friends suggestion. */
export interface FriendSuggestionDto {
  readonly user: UserDto;
  readonly mutualFriends: number;
}

/** v1.2: one of the owner's friend groups (分组), seen by its owner alone. */
export interface GroupDto {
  readonly id: string;
  readonly name: string;
  readonly members: readonly UserDto[];
}

/** v1.2: a private message between two friends. */
export interface MessageDto {
  readonly id: string;
  readonly conversationId: string;
  /** Counts up by one per conversation, from 1, with no gaps. */
  readonly seq: number;
  readonly from: UserDto;
  readonly text?: string;
  readonly photo?: PhotoDto;
  /** A shared post as the recipient may see it; null when they may not (or it is gone). */
  readonly post?: PostDto | null;
  readonly sentAt: string;
  /** Recalled by its sender: its text, photo and post are gone. */
  readonly recalled?: boolean;
  /** The viewer's own inbox number of this message (the cursor of `chat:sync`). */
  readonly inboxSeq?: number;
  /** Extension: the recipient has read it ("已读"). */
  readonly read?: boolean;
}

/** v1.2: a conversation as its list shows it. */
export interface ConversationDto {
  readonly id: string;
  readonly peer: UserDto;
  readonly last: MessageDto | null;
  /** Messages from the peer the viewer has not read. */
  readonly unread: number;
  readonly updatedAt: string;
}
