/**
 * Who hears about a post coming and going. `feed:post` goes out only once a post is visible
 * (published at creation, or approved), to its author and to the friends its privacy admits;
 * `feed:remove` goes to that same audience, computed again when the post goes. Strangers never
 * get either: public posts reach them by reading, not by push — except the fans of a certified
 * space, who get its public posts.
 *
 * How: a friends-or-public post goes to three rooms that share no socket — the author's own
 * sockets, the author's audience (every friend's sockets, joined on connect and on friendship,
 * left on unfriend and block) and, for a certified author's public post, its fans room (fans who
 * are not friends). Each is one single-room broadcast, which the uws engine publishes natively:
 * the cost of a post no longer grows with one engine.io send per friend, and on a cluster it is
 * one adapter publish per room, not one per friend. A private post goes to its author alone.
 *
 * v1.2, limited posts: a group-limited post goes to the author and to each member of its groups
 * (as they are now, friends only; read from the owner's cached groups, no store query) by their own
 * user rooms — a bounded per-recipient send, as one broadcast to those rooms: on one uws hub it cost
 * the same as one native publish per member room, and on a cluster it is one adapter publish, not one
 * per member (BENCHMARKS.md, "Circles"). No socket outside the groups is ever in one of those rooms. A friends post with exceptions goes to the
 * audience room except the excepted users' rooms (one broadcast, taken by the adapter's general
 * path). `feed:remove` (a post id, nothing more) goes to the whole audience, so that former members
 * who got the post drop it too.
 * Posts that are not published (held, in review) reach no feed, only the moderators watching the queue.
 */
import type { LinkPreviewDto, PostDto } from '../../../shared/dto.js';
import { rooms } from '../../realtime/rooms.js';
import type { PostContext } from './context.js';
import type { PostRecord } from './post-model.js';

export function createPublication(ctx: PostContext) {
  const { deps } = ctx;

  /** The rooms that together reach a post's live audience, pairwise disjoint (public, friends without exceptions). */
  async function reach(post: PostRecord): Promise<string[]> {
    const authorId = post.author.toHexString();
    if (post.privacy === 'private') return [rooms.user(authorId)];
    const fanRooms = deps.fans ? await deps.fans.fanRooms(authorId, post.privacy) : [];
    return [rooms.user(authorId), rooms.audience(authorId), ...fanRooms];
  }

  /** The members of a group-limited post's groups who are the author's friends now, as user rooms. */
  async function groupRooms(post: PostRecord): Promise<string[]> {
    const authorId = post.author.toHexString();
    const [members, friendIds] = await Promise.all([
      ctx.membership.membersOf(authorId, post.groups ?? []),
      deps.friends.friendIds(authorId),
    ]);
    const friends = new Set(friendIds);
    return members.filter((id) => friends.has(id)).map(rooms.user);
  }

  return {
    /** Pushes a newly visible post to its audience; `dto` carries no viewer-specific fields. */
    async announce(post: PostRecord, dto: PostDto): Promise<void> {
      if (post.status === 'held' || post.status === 'review') {
        // Nobody's feed gets it yet; the moderators with the queue open do, to decide on it.
        const { liked: _viewerSpecific, ...queued } = dto;
        deps.pusher.toRooms(rooms.moderators(), 'moderation:queued', { post: queued });
        return;
      }
      if (post.status !== 'published') return;
      const { liked: _viewerSpecific, ...shared } = dto;
      const authorId = post.author.toHexString();
      if (post.privacy === 'groups') {
        deps.pusher.toRooms([rooms.user(authorId), ...(await groupRooms(post))], 'feed:post', { post: shared });
      } else if (post.privacy === 'friends' && post.except?.length) {
        deps.pusher.toUser(authorId, 'feed:post', { post: shared });
        deps.pusher.toRoomsExcept(
          rooms.audience(authorId),
          post.except.map((id) => rooms.user(id.toHexString())),
          'feed:post',
          { post: shared },
        );
      } else {
        deps.pusher.toEach(await reach(post), 'feed:post', { post: shared });
      }
    },

    /** v1.2: a post's link preview, to those who got the post (and readers watching it). */
    async previewed(post: PostRecord, preview: LinkPreviewDto): Promise<void> {
      const to =
        post.status === 'published'
          ? [...(await reach(post)), rooms.post(post.author.toHexString(), post._id.toHexString())]
          : [rooms.user(post.author.toHexString())];
      deps.pusher.toRooms(to, 'post:preview', { postId: post._id.toHexString(), preview });
    },

    /** Tells those who got a post that it is gone; an unpublished post was only ever its author's. */
    async retract(post: PostRecord, wasPublished: boolean): Promise<void> {
      const authorId = post.author.toHexString();
      const everyone = post.privacy === 'private' ? [rooms.user(authorId)] : [rooms.user(authorId), rooms.audience(authorId)];
      const to = !wasPublished ? [rooms.user(authorId)] : post.privacy === 'public' ? await reach(post) : everyone;
      deps.pusher.toEach(to, 'feed:remove', { postId: post._id.toHexString() });
    },
  };
}

export type Publication = ReturnType<typeof createPublication>;
