/**
 * Likes. The like document's unique (post, user) index is the single source of truth: the
 * post's counter moves by one only when an insert succeeded or a delete removed a document, so
 * counts stay exact under any number of concurrent or repeated requests.
 */
import { Types } from 'mongoose';
import { rooms } from '../../realtime/rooms.js';
import type { Viewer } from '../accounts/viewer.js';
import { excerpt, type PostContext } from './context.js';
import type { PostRecord } from './post-model.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';

export interface LikeState {
  readonly likes: number;
  readonly liked: boolean;
}

export function createLikes(ctx: PostContext) {
  const { deps, posts, likes } = ctx;

  /** Moves the counter and tells the author and the post's watchers the new count. */
  async function bump(post: PostRecord, by: 1 | -1): Promise<number> {
    const updated = await posts
      .findOneAndUpdate({ _id: post._id }, { $inc: { likes: by } }, { returnDocument: 'after', projection: { likes: 1 } })
      .lean<{ likes: number }>();
    const count = Math.max(0, updated?.likes ?? 0);
    const authorId = post.author.toHexString();
    const postId = post._id.toHexString();
    deps.pusher.toRooms([rooms.user(authorId), rooms.post(authorId, postId)], 'post:likes', { postId, likes: count });
    return count;
  }

  async function current(postId: Types.ObjectId): Promise<number> {
    const p = await posts.findById(postId, { likes: 1 }).lean<{ likes: number }>();
    return Math.max(0, p?.likes ?? 0);
  }

  return {
    /** Likes a post the viewer can see; liking again changes nothing. */
    async like(viewer: Viewer, postId: string): Promise<LikeState> {
      const { post } = await ctx.visiblePost(viewer, postId);
      try {
        await likes.create({ post: post._id, user: new Types.ObjectId(viewer.id), createdAt: new Date() });
      } catch (err) {
        if (isDuplicateKey(err)) return { likes: await current(post._id), liked: true };
        throw err;
      }
      const count = await bump(post, 1);
      await ctx.notify({
        to: post.author.toHexString(),
        kind: 'like',
        actorId: viewer.id,
        subject: { type: 'post', id: postId, excerpt: excerpt(post.title ?? post.text) },
        groupKey: `like:${postId}`,
      });
      return { likes: count, liked: true };
    },

    /** Takes a like back; unliking a post not liked changes nothing. */
    async unlike(viewer: Viewer, postId: string): Promise<LikeState> {
      const { post } = await ctx.visiblePost(viewer, postId);
      const gone = await likes.deleteOne({ post: post._id, user: new Types.ObjectId(viewer.id) });
      if (gone.deletedCount !== 1) return { likes: await current(post._id), liked: false };
      const count = await bump(post, -1);
      // The like's unread notification counted this like: take it back (a side effect, like notify).
      try {
        await deps.notifier.withdraw?.(post.author.toHexString(), `like:${postId}`);
      } catch (err) {
        deps.logger.error({ err, postId }, 'withdrawing a like notification failed');
      }
      return { likes: count, liked: false };
    },

    /** Recomputes a post's like counter from the like documents (repair after a crash). */
    async recount(postId: Types.ObjectId): Promise<number> {
      const n = await likes.countDocuments({ post: postId });
      await posts.updateOne({ _id: postId }, { $set: { likes: n } });
      return n;
    },
  };
}

export type Likes = ReturnType<typeof createLikes>;
