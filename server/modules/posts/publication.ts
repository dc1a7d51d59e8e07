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
 * v1.2, limited posts: a group-limited post goes to the author and to the room of each of its
 * groups (`rooms.group`: the sockets of the group's members, joined on connect and when added, left
 * at once when taken out, when the group goes or the friendship ends — groups/service.ts,
 * groups/socket.ts, pusher.leaveAudience). Which rooms is decided on every push from the owner's
 * groups as they are now (cached per node, forgotten on every change): a deleted group reaches no
 * one. A post to one group is one single-room broadcast, which the uws engine publishes natively, like
 * a friends post; to several groups, one broadcast to their rooms (a member of two gets it once). No
 * per-member work: BENCHMARKS.md, "Circles". A friends post with exceptions goes to the audience
 * room except the excepted users' rooms (one broadcast, taken by the adapter's general path).
 * `feed:remove` (a post id, nothing more) goes to the whole audience, so that former members who got
 * the post drop it too.
 * Posts that are not published (held, in review) reach no feed, only the moderators watching the queue.
 */
import type { LinkPreviewDto, PostDto } from '../../../shared/dto.js';
import type { ServerPayload } from '../../../shared/events.js';
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

  /** The rooms of a group-limited post's groups that still exist (the author's groups as they are now). */
  async function groupRooms(post: PostRecord): Promise<string[]> {
    const authorId = post.author.toHexString();
    const mine = await ctx.membership.ownerGroups(authorId);
    return (post.groups ?? [])
      .map((g) => g.toHexString())
      .filter((g) => mine.has(g))
      .map((g) => rooms.group(authorId, g));
  }

  /** Sends a group-limited post to its author and to the rooms of its groups. */
  async function toGroups(post: PostRecord, payload: ServerPayload<'feed:post'>): Promise<void> {
    const groupsNow = await groupRooms(post);
    // One group: two single-room broadcasts (native on uws). Several: one broadcast, so that a member of two gets it once.
    if (groupsNow.length <= 1) deps.pusher.toEach([rooms.user(post.author.toHexString()), ...groupsNow], 'feed:post', payload);
    else {
      deps.pusher.toUser(post.author.toHexString(), 'feed:post', payload);
      deps.pusher.toRooms(groupsNow, 'feed:post', payload);
    }
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
        await toGroups(post, { post: shared });
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
      const authorId = post.author.toHexString();
      const payload = { postId: post._id.toHexString(), preview };
      const watching = rooms.post(authorId, payload.postId);
      if (post.status !== 'published') return deps.pusher.toRooms(rooms.user(authorId), 'post:preview', payload);
      // A limited post's preview goes no further than the post did.
      if (post.privacy === 'groups')
        return deps.pusher.toRooms([rooms.user(authorId), watching, ...(await groupRooms(post))], 'post:preview', payload);
      if (post.privacy === 'friends' && post.except?.length) {
        const except = post.except.map((id) => rooms.user(id.toHexString()));
        return deps.pusher.toRoomsExcept([rooms.user(authorId), rooms.audience(authorId), watching], except, 'post:preview', payload);
      }
      deps.pusher.toRooms([...(await reach(post)), watching], 'post:preview', payload);
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
