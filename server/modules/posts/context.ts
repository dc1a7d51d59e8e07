/**
 * What every part of the posts service shares: its dependencies, its models, and the two reads
 * every operation starts from (how a viewer stands to an author; a post the viewer may see).
 */
import type { LinkPreviewDto, Privacy } from '../../../shared/dto.js';
import { Types, type Connection } from 'mongoose';
import type { Logger } from '../../logger.js';
import type { Pusher } from '../../realtime/pusher.js';
import { notFound } from '../../errors.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import type { PhotoRefs } from '../albums/photo-refs.js';
import { mayView, type FriendRelations } from '../friends/relations.js';
import type { Relation } from '../friends/visibility.js';
import { createGroupMembership } from '../groups/membership.js';
import type { GroupAudiences } from '../groups/audience.js';
import type { VideoRefs } from '../videos/service.js';
import type { TextScreen } from '../moderation/screening.js';
import type { Notifier, NotifyInput } from '../notifications/notifier.js';
import { commentModel } from './comment-model.js';
import { likeModel } from './like-model.js';
import { postModel, type PostRecord } from './post-model.js';
import { createMentions } from './mentions.js';
import type { SchedulingOptions } from './due-posts.js';

export interface PostServiceDeps {
  readonly conn: Connection;
  readonly pusher: Pusher;
  readonly accounts: Pick<AccountService, 'getUsers' | 'requireByHandle'>;
  readonly friends: FriendRelations;
  readonly notifier: Notifier;
  readonly screen: TextScreen;
  readonly photos: PhotoRefs;
  /** v1.2: the videos shuoshuo carry (absent: posts cannot carry videos). */
  readonly videos?: VideoRefs;
  readonly logger: Logger;
  /** Certified spaces' fans: their public posts also reach fans' feeds. */
  readonly fans?: FanReach;
  /** v1.2 评论审核: whether others' new comments on an owner's posts wait for the owner's approval. */
  readonly approval?: { commentsNeedApproval(ownerId: string): Promise<boolean> };
  /** v1.2 特别关心: who cares for an author (their new posts give those people a `care` notification). */
  readonly care?: { carersOf(authorId: string): Promise<string[]> };
  /** v1.2: turns a new post's `groups` / `except` into what is stored (the author's groups, users). */
  readonly groups: Pick<GroupAudiences, 'resolveAudience'>;
  /** v1.2: fetches a link's preview (server/modules/link-previews); absent, posts get none. */
  readonly previews?: { preview(url: string): Promise<LinkPreviewDto | null> };
  /** v1.2 scheduled posts: this node's id, the lead time, claim lease, poll and the cluster bus. */
  readonly scheduling: SchedulingOptions;
}

/** What posts need from the fans module (implemented by server/modules/fans/service.ts). */
export interface FanReach {
  /** The rooms a newly visible post must also reach: its author's fans room when public and certified. */
  fanRooms(authorId: string, privacy: Privacy): Promise<string[]>;
  /** The certified spaces `userId` follows, as owner ids. */
  followedIds(userId: string): Promise<string[]>;
}

export type PostContext = ReturnType<typeof createPostContext>;

/** What deciding whether someone may see a post needs of it. */
type SeenPost = Pick<PostRecord, '_id' | 'author' | 'privacy' | 'status' | 'groups' | 'except'>;

export function createPostContext(deps: PostServiceDeps) {
  const posts = postModel(deps.conn);
  const comments = commentModel(deps.conn);
  const likes = likeModel(deps.conn);
  const membership = createGroupMembership(deps.conn);

  /** How `viewer` stands to `ownerId` (self, friend, stranger, anonymous). */
  async function relationTo(viewer: Viewer | null, ownerId: string): Promise<Relation> {
    if (!viewer) return 'anonymous';
    if (viewer.id === ownerId) return 'self';
    return deps.friends.relation(viewer.id, ownerId);
  }

  /** The post with `id` if `viewer` may see it; `not_found` otherwise, whether or not it exists. */
  async function visiblePost(viewer: Viewer | null, id: string): Promise<{ post: PostRecord; relation: Relation }> {
    if (!Types.ObjectId.isValid(id)) throw notFound('post');
    const post = await posts.findById(id).lean<PostRecord>();
    // A missing post costs the same relation look-up as a hidden one (against an owner id that names
    // no one), so how long the 404 takes does not tell a hidden post from a missing id.
    const authorId = post ? post.author.toHexString() : id;
    const relation = await relationTo(viewer, authorId);
    if (!post || !(await mayView(deps.friends, relation, viewer?.id ?? null, authorId, post))) throw notFound('post');
    return { post, relation };
  }

  /**
   * Whether `userId` may see post `postId` right now: the rule of every read, applied again when a
   * notification about the post is sent (a friend removed since they commented must not keep
   * receiving replies to their comment, excerpts included).
   */
  async function recipientMaySee(userId: string, postId: string, known?: SeenPost): Promise<boolean> {
    if (!Types.ObjectId.isValid(postId)) return false;
    const post =
      known && known._id.toHexString() === postId
        ? known
        : await posts.findById(postId, { _id: 1, author: 1, privacy: 1, status: 1, groups: 1, except: 1 }).lean<SeenPost>();
    if (!post) return false;
    const authorId = post.author.toHexString();
    const relation: Relation = userId === authorId ? 'self' : await deps.friends.relation(userId, authorId);
    return mayView(deps.friends, relation, userId, authorId, post);
  }

  /** The post a notification is about, when it is about one (moderation notices to an author are not re-checked). */
  function postOf(input: NotifyInput): string | undefined {
    if (input.kind === 'moderation') return undefined;
    if (input.subject.type === 'post') return input.subject.id;
    if (input.subject.type === 'comment') return input.subject.parentId;
    return undefined;
  }

  /**
   * Notifications are a side effect: a failure is logged, never turned into a failed request. Every
   * notification about a post goes through here, and reaches its recipient only if they may see the
   * post at this moment (reply, comment, like, and mention/repost notifications alike). `known` is the
   * post as the request that causes the notification just read it (its relation to the recipient is
   * still read afresh): no second read of the same post.
   */
  async function notify(input: NotifyInput, known?: SeenPost): Promise<void> {
    if (input.actorId !== null && input.actorId === input.to) return;
    try {
      const postId = postOf(input);
      if (postId && !(await recipientMaySee(input.to, postId, known))) return;
      await deps.notifier.notify(input);
    } catch (err) {
      deps.logger.error({ err, kind: input.kind, to: input.to }, 'notification failed');
    }
  }

  // v1.1: `@handle` mentions in posts and comments (read from the text; see mentions.ts).
  const mentions = createMentions(deps);

  return { deps, posts, comments, likes, membership, relationTo, visiblePost, notify, recipientMaySee, mentions };
}

/** The first characters of a text, for notification excerpts. */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
