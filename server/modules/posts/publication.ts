/**
 * Who hears about a post coming and going. `feed:post` goes out only once a post is visible
 * (published at creation, or approved), to its author and to the friends its privacy admits;
 * `feed:remove` goes to that same audience, computed again when the post goes. Strangers never
 * get either: public posts reach them by reading, not by push.
 */
import type { PostDto } from '../../../shared/dto.js';
import { rooms } from '../../realtime/rooms.js';
import type { PostContext } from './context.js';
import type { PostRecord } from './post-model.js';

export function createPublication(ctx: PostContext) {
  const { deps } = ctx;

  /** The author, plus every friend when the privacy lets friends see it. */
  async function audience(post: PostRecord): Promise<string[]> {
    const authorId = post.author.toHexString();
    if (post.privacy === 'private') return [authorId];
    return [authorId, ...(await deps.friends.friendIds(authorId))];
  }

  /** Its audience's user rooms plus, for a certified author's public post, the one fans room. */
  async function reach(post: PostRecord): Promise<string[]> {
    const [users, fanRooms] = await Promise.all([
      audience(post),
      deps.fans ? deps.fans.fanRooms(post.author.toHexString(), post.privacy) : [],
    ]);
    return [...users.map(rooms.user), ...fanRooms];
  }

  return {
    /** Pushes a newly visible post to its audience; `dto` carries no viewer-specific fields. */
    async announce(post: PostRecord, dto: PostDto): Promise<void> {
      if (post.status !== 'published') return;
      const { liked: _viewerSpecific, ...shared } = dto;
      // One emit over all rooms: a fan who is also a friend gets it once.
      deps.pusher.toRooms(await reach(post), 'feed:post', { post: shared });
    },

    /** Tells those who got a post that it is gone; an unpublished post was only ever its author's. */
    async retract(post: PostRecord, wasPublished: boolean): Promise<void> {
      const to = wasPublished ? await reach(post) : [rooms.user(post.author.toHexString())];
      deps.pusher.toRooms(to, 'feed:remove', { postId: post._id.toHexString() });
    },
  };
}

export type Publication = ReturnType<typeof createPublication>;
