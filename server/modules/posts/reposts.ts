/**
 * Reposts (转载). A repost is a post of kind `repost` pointing at an original (a repost of a repost
 * points at that one's original). Anyone who may see the original may repost it; the original's
 * author is told (if they may see the repost) and its `reposts` counter moves. The original is
 * embedded at read time, as the reader may see it then: a friends-only or private original, one
 * whose author blocks the reader, or one taken down or deleted, embeds as `null` — now or after the
 * original's privacy changes — so its content never leaks through a repost.
 */
import { Types } from 'mongoose';
import type { PostDto } from '../../../shared/dto.js';
import type { RepostBody } from '../../../shared/schemas/social.js';
import type { Viewer } from '../accounts/viewer.js';
import { mayView } from '../friends/relations.js';
import { excerpt, type PostContext } from './context.js';
import { statusAfterScreening } from './moderation-outcome.js';
import { newPostFields } from './new-post.js';
import type { PostRecord } from './post-model.js';
import { recordOf } from '../../db/record-of.js';
import { rooms } from '../../realtime/rooms.js';

export function createReposts(ctx: PostContext) {
  const { deps, posts } = ctx;

  /** Moves the original's counter (never below 0) and tells its author and its watchers the new count. */
  async function bump(originalId: Types.ObjectId, by: 1 | -1): Promise<void> {
    const filter = by < 0 ? { _id: originalId, reposts: { $gt: 0 } } : { _id: originalId };
    const updated = await posts
      .findOneAndUpdate(filter, { $inc: { reposts: by } }, { returnDocument: 'after', projection: { author: 1, reposts: 1 } })
      .lean<{ author: Types.ObjectId; reposts: number }>();
    if (!updated) return;
    const authorId = updated.author.toHexString();
    const postId = originalId.toHexString();
    deps.pusher.toRooms([rooms.user(authorId), rooms.post(authorId, postId)], 'post:reposts', {
      postId,
      reposts: Math.max(0, updated.reposts),
    });
  }

  /** The originals of `records`' reposts that `viewerId` may see now (by original id). */
  async function visibleOriginals(records: readonly PostRecord[], viewerId: string | null): Promise<Map<string, PostRecord>> {
    const ids = [...new Set(records.flatMap((p) => (p.kind === 'repost' && p.repostOf ? [p.repostOf.toHexString()] : [])))];
    if (ids.length === 0) return new Map();
    const found = await posts.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }).lean<PostRecord[]>();
    const visible = new Map<string, PostRecord>();
    const relations = new Map<string, Awaited<ReturnType<typeof ctx.relationTo>>>();
    for (const original of found) {
      const authorId = original.author.toHexString();
      // A shared push (no single viewer) embeds only what any signed-in stranger may see.
      let relation = relations.get(authorId);
      if (!relation) {
        relation = viewerId === null ? 'stranger' : await deps.friends.relation(viewerId, authorId);
        relations.set(authorId, relation);
      }
      if (await mayView(deps.friends, relation, viewerId, authorId, original)) visible.set(original._id.toHexString(), original);
    }
    return visible;
  }

  return {
    visibleOriginals,

    /** `POST /api/posts/:id/repost`. */
    async create(
      viewer: Viewer,
      postId: string,
      body: RepostBody,
      finish: (record: PostRecord) => Promise<PostDto>,
    ): Promise<{ post: PostDto }> {
      const { post: seen } = await ctx.visiblePost(viewer, postId);
      // A repost of a repost reposts its original, which the viewer must be able to see too.
      const original = seen.kind === 'repost' && seen.repostOf ? (await ctx.visiblePost(viewer, seen.repostOf.toHexString())).post : seen;
      const text = body.text ?? '';
      const audience = await deps.groups.resolveAudience(viewer, body);
      const status = text ? statusAfterScreening(deps.screen.screen(text)) : 'published';
      const record = recordOf<PostRecord>(
        await posts.create({
          ...newPostFields(viewer.id, body.privacy, audience, status),
          kind: 'repost',
          text,
          images: [],
          repostOf: original._id,
          reposts: 0,
        }),
      );
      await bump(original._id, 1);
      const post = await finish(record);
      const authorId = original.author.toHexString();
      if (status === 'published' && authorId !== viewer.id && (await ctx.recipientMaySee(authorId, record._id.toHexString()))) {
        await ctx.notify({
          to: authorId,
          kind: 'repost',
          actorId: viewer.id,
          subject: {
            type: 'post',
            id: record._id.toHexString(),
            excerpt: excerpt(original.title ?? original.text),
            parentId: original._id.toHexString(),
          },
        });
      }
      return { post };
    },

    /** A repost's original must be gone from counts when the repost goes (best effort, never below 0). */
    async forget(record: PostRecord): Promise<void> {
      if (record.kind !== 'repost' || !record.repostOf) return;
      await bump(record.repostOf, -1);
    },
  };
}

export type Reposts = ReturnType<typeof createReposts>;
