/**
 * Who liked a post (v1.2), newest first, for anyone who may see the post. People blocked either way
 * with the viewer are left out in the query itself, so every page is full and none tells of them.
 */
import { Types } from 'mongoose';
import type { UserDto } from '../../../shared/dto.js';
import type { LikersQuery } from '../../../shared/schemas/posts.js';
import type { Viewer } from '../accounts/viewer.js';
import { createBlockLookup } from '../blocks/lookup.js';
import type { PostContext } from './context.js';
import type { LikeRecord } from './like-model.js';

export function createLikers(ctx: PostContext) {
  const { deps, likes } = ctx;
  const blocks = createBlockLookup(deps.conn);

  return {
    /** A page of the people who liked post `postId`; `next` continues after the last of them. */
    async list(viewer: Viewer | null, postId: string, page: LikersQuery): Promise<{ users: UserDto[]; next: string | null }> {
      const { post } = await ctx.visiblePost(viewer, postId);
      const separated = viewer ? await blocks.separatedFrom(viewer.id) : [];
      const found = await likes
        .find({
          post: post._id,
          ...(separated.length ? { user: { $nin: separated.map((id) => new Types.ObjectId(id)) } } : {}),
          ...(page.cursor ? { _id: { $lt: new Types.ObjectId(page.cursor) } } : {}),
        })
        .sort({ _id: -1 })
        .limit(page.limit + 1)
        .lean<LikeRecord[]>();
      const shown = found.slice(0, page.limit);
      const users = await deps.accounts.getUsers(shown.map((l) => l.user.toHexString()));
      const last = shown[shown.length - 1];
      return {
        users: shown.flatMap((l) => users.get(l.user.toHexString()) ?? []),
        next: found.length > page.limit && last ? last._id.toHexString() : null,
      };
    },
  };
}
