/**
 * Socket.IO event maps shared by the server, the web client and the load tester.
 * Renaming an event here fails to compile everywhere it is used.
 */
import type {
  AlbumDto,
  CommentDto,
  LinkPreviewDto,
  MessageDto,
  GroupDto,
  GuestbookEntryDto,
  GuestbookReplyDto,
  InviteDto,
  MatchDto,
  NotificationDto,
  PhotoDto,
  PostDto,
  SpaceDto,
  UserDto,
} from './dto.js';
import type { ErrorBody } from './errors.js';

/** Every client → server event is acknowledged with this shape. */
export type Ack<T extends object = object> =
  ({ readonly ok: true } & T) | { readonly ok: false; readonly error: Pick<ErrorBody, 'code' | 'message'> };

export type AckCallback<T extends object = object> = (answer: Ack<T>) => void;

export interface ServerToClientEvents {
  'feed:post': (payload: { post: PostDto }) => void;
  'feed:remove': (payload: { postId: string }) => void;
  'post:comment': (payload: { postId: string; comment: CommentDto }) => void;
  'post:likes': (payload: { postId: string; likes: number }) => void;
  /** v1.2: a post's link preview, fetched after the post was published. */
  'post:preview': (payload: { postId: string; preview: LinkPreviewDto }) => void;
  /** Extension: the repost count of a watched post (someone reposted it, or a repost of it was deleted). */
  'post:reposts': (payload: { postId: string; reposts: number }) => void;
  /** Extension: comments deleted (a top-level one takes its replies); `removed` of them were counted. */
  'post:comment:remove': (payload: { postId: string; commentIds: string[]; removed: number }) => void;
  'space:visitor': (payload: { visitor: UserDto; at: string }) => void;
  /** Extension: a photo added to (or re-captioned in) an album, to sockets with the album open. */
  'album:photo': (payload: { albumId: string; photo: PhotoDto }) => void;
  /** Extension: a photo deleted from an album (the album itself deleted: every photo), to sockets with it open. */
  'album:photo:remove': (payload: { albumId: string; photoId: string }) => void;
  /** Extension: a post or comment was held (or put in review): to moderators watching the queue. */
  'moderation:queued': (payload: { post?: PostDto; comment?: CommentDto }) => void;
  /** Extension: a new guestbook entry, to the owner and those watching the guestbook who may see it. */
  'guestbook:entry': (payload: { ownerId: string; entry: GuestbookEntryDto }) => void;
  /** Extension: a guestbook entry deleted, to those who could see it. */
  'guestbook:remove': (payload: { ownerId: string; entryId: string }) => void;
  /** v1.2 主人回复: the owner's reply under an entry, as it is now (null: removed); to whoever sees the entry. */
  'guestbook:reply': (payload: { ownerId: string; entryId: string; reply: GuestbookReplyDto | null }) => void;
  /** v1.2 owner approval: a comment on the owner's post or a guestbook entry now waits; to the owner. */
  'approval:pending': (payload: { comment?: CommentDto; entry?: GuestbookEntryDto }) => void;
  /** v1.2 owner approval: a waiting item was approved or rejected; to the owner and the item's author. */
  'approval:decided': (payload: { kind: 'comment' | 'entry'; id: string; approved: boolean }) => void;
  /** v1.2 分组: one of the owner's groups as it is now (created, renamed, members changed); to the owner's own sockets (every tab). */
  'group:update': (payload: { group: GroupDto }) => void;
  /** v1.2 分组: one of the owner's groups deleted; to the owner's own sockets. */
  'group:remove': (payload: { groupId: string }) => void;
  /**
   * Extension: a space was certified or uncertified, or gained or lost a fan; to its owner and to those with
   * the space open (who watch its guestbook). The whole state, so a repeat or a late one does no harm.
   */
  'space:fans': (payload: { ownerId: string; certified: boolean; fans: number }) => void;
  /**
   * Extension: an album's card as it is now (made, a photo more or fewer, a new cover); to its owner and those
   * who may see it: everyone watching the space's guestbook for a public album, the owner's friends for a
   * friends-only one, the owner alone for a private one.
   */
  'space:album': (payload: { album: AlbumDto }) => void;
  /** Extension: an album deleted; to the same people as `space:album`. */
  'space:album:remove': (payload: { ownerId: string; albumId: string }) => void;
  /** Extension: a space's look changed (title, theme, layout, modules, music); to its owner and those with it open (`space:watch`). */
  'space:updated': (payload: { space: SpaceDto }) => void;
  notification: (payload: { notification: NotificationDto; unread: number }) => void;
  /** Extension: another device of the same user read notifications up to `upTo`. */
  'notifications:read': (payload: { upTo: number; unread: number }) => void;
  invite: (payload: { invite: InviteDto }) => void;
  'game:state': (payload: { match: MatchDto }) => void;
  presence: (payload: { userId: string; online: boolean }) => void;
  /** Extension: a friendship of yours was made (`friends: true`) or ended, by either side; to both users. */
  'friend:change': (payload: { userId: string; friends: boolean }) => void;
  /** Extension: a user's profile (name, bio, avatar) changed; to that user's own sockets and their friends. */
  'user:updated': (payload: { user: UserDto }) => void;
  /**
   * Extension: a user is gone for you — they deleted their account (to their friends and those watching their
   * space) or blocked you (to you alone, who would get `not_found` for everything of theirs from now on).
   */
  'user:gone': (payload: { userId: string }) => void;
  /** v1.2: a private message, to every socket of both people (each with their own `inboxSeq`). */
  'chat:message': (payload: { message: MessageDto }) => void;
  /** v1.2: `by` (a user id) read the conversation up to `upTo`; to both people, every device. */
  'chat:read': (payload: { conversationId: string; by: string; upTo: number }) => void;
  /** v1.2: a message was recalled by its sender; to both people. */
  'chat:recall': (payload: { conversationId: string; messageId: string }) => void;
  /** v1.2: the friend `from` (a user id) is typing in the conversation; not stored. */
  'chat:typing': (payload: { conversationId: string; from: string }) => void;
  /** Extension: why the server is about to cut this socket off (flood, slow consumer, shutdown). */
  'server:notice': (payload: { code: 'rate_limited' | 'slow_consumer' | 'shutdown' | 'invalid' | 'revoked'; message: string }) => void;
}

export interface ClientToServerEvents {
  'space:enter': (payload: { handle: string }, ack: AckCallback) => void;
  'post:watch': (payload: { postId: string }, ack: AckCallback) => void;
  'post:unwatch': (payload: { postId: string }, ack: AckCallback) => void;
  /** Extension: follow an album the viewer may see while it is open. */
  'album:watch': (payload: { albumId: string }, ack: AckCallback) => void;
  'album:unwatch': (payload: { albumId: string }, ack: AckCallback) => void;
  /** Extension: moderators only — hear of newly held items while the queue is open. */
  'moderation:watch': (payload: Record<string, never>, ack: AckCallback) => void;
  /** Extension: follow a space's guestbook live while it is on screen (public entries; the owner gets all). */
  'guestbook:watch': (payload: { handle: string }, ack: AckCallback) => void;
  'guestbook:unwatch': (payload: { handle: string }, ack: AckCallback) => void;
  /** Extension: follow a space's look live while it is on screen (one space per socket). */
  'space:watch': (payload: { handle: string }, ack: AckCallback) => void;
  'space:unwatch': (payload: { handle: string }, ack: AckCallback) => void;
  'notifications:sync': (
    payload: { after: number; limit?: number },
    ack: AckCallback<{ notifications: NotificationDto[]; unread: number }>,
  ) => void;
  'game:move': (payload: { matchId: string; x: number; y: number }, ack: AckCallback<{ match: MatchDto }>) => void;
  /** Extension: which of the caller's friends are online now. */
  'presence:list': (payload: Record<string, never>, ack: AckCallback<{ online: string[] }>) => void;
  /** v1.2: send a private message (the REST send's rules and answer). */
  'chat:send': (
    payload: { to: string; text?: string; photoId?: string; postId?: string; clientId: string },
    ack: AckCallback<{ message: MessageDto }>,
  ) => void;
  /** v1.2: tell a friend one is typing (at most one per 2 s is relayed). */
  'chat:typing': (payload: { to: string }, ack: AckCallback) => void;
  /** v1.2: every message of one's inbox numbered after `after`, and the unread total. */
  'chat:sync': (payload: { after: number; limit?: number }, ack: AckCallback<{ messages: MessageDto[]; unread: number }>) => void;
  /** Extension: a round trip, for clients measuring latency and tests awaiting order. */
  ping: (payload: Record<string, never>, ack: AckCallback<{ at: number }>) => void;
}

/** Data the server keeps on each socket. */
export interface SocketData {
  userId: string;
  handle: string;
}

export type ClientEventName = keyof ClientToServerEvents;
export type ServerEventName = keyof ServerToClientEvents;

/** The payload type of a client → server event. */
export type ClientPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];

/** The success fields of a client → server event's acknowledgement. */
export type ClientAckFields<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

/** The payload type of a server → client event. */
export type ServerPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];

/** Every client → server event name at run time (a missing or extra name fails to compile). */
const clientEventSet: { readonly [E in ClientEventName]: true } = {
  'space:enter': true,
  'post:watch': true,
  'post:unwatch': true,
  'guestbook:watch': true,
  'moderation:watch': true,
  'album:watch': true,
  'album:unwatch': true,
  'guestbook:unwatch': true,
  'space:watch': true,
  'space:unwatch': true,
  'notifications:sync': true,
  'game:move': true,
  'presence:list': true,
  'chat:send': true,
  'chat:typing': true,
  'chat:sync': true,
  ping: true,
};
export const clientEventNames = Object.keys(clientEventSet) as readonly ClientEventName[];
