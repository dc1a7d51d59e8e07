/**
 * The feed (the viewer's own posts and what friends let them see) and a space's post list. Both
 * filter in the query itself, never by fetching and dropping, so pages keep their size and reveal
 * nothing by their timing; both page by the (createdAt, _id) cursor.
 */
import { Types } from 'mongoose';
import type { PostDto } from '../../../shared/dto.js';
import type { PageQuery } from '../../../shared/schemas/common.js';
import type { Viewer } from '../accounts/viewer.js';
import { visibleWhere } from '../friends/visibility.js';
import type { PostContext } from './context.js';
import { beforeCursor, decodeCursor, encodeCursor } from './feed-cursor.js';
import type { PostRecord } from './post-model.js';
import type { PostViews } from './post-views.js';

export interface PostPage {
  readonly posts: PostDto[];
  readonly next: string | null;
}

/**
 * What an author sees of their own posts: everything not taken down, held and review included.
 * Privacy is spelled out (all three) so the store walks the author × status × privacy index in order.
 */
const ownPosts = (author: Types.ObjectId) => ({
  author,
  status: { $in: ['published', 'held', 'review'] },
  privacy: { $in: ['public', 'friends', 'groups', 'private'] },
});

/** Whether post `a` comes before `b` newest first, ties broken by _id as the cursor does. */
const newer = (a: PostRecord, b: PostRecord) =>
  a.createdAt.getTime() !== b.createdAt.getTime() ? a.createdAt > b.createdAt : a._id.toHexString() > b._id.toHexString();

/** The first `n` of two newest-first lists, merged. */
function mergeNewestFirst(a: readonly PostRecord[], b: readonly PostRecord[], n: number): PostRecord[] {
  const out: PostRecord[] = [];
  let i = 0;
  let j = 0;
  while (out.length < n && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && newer(a[i]!, b[j]!))) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

const newestFirst = { createdAt: -1, _id: -1 } as const;

export function createFeed(ctx: PostContext, views: PostViews) {
  const { deps, posts } = ctx;

  /** The newest `limit + 1` rows of `filter` after the cursor. */
  function newest(filter: Record<string, unknown>, query: PageQuery) {
    const conditions = beforeCursor(decodeCursor(query.before));
    const where = conditions.length ? { ...filter, $and: conditions } : filter;
    return posts
      .find(where)
      .sort(newestFirst)
      .limit(query.limit + 1)
      .lean<PostRecord[]>();
  }

  /** A page from rows already in cursor order (at most `limit + 1` of them). */
  async function page(found: PostRecord[], query: PageQuery, viewerId: string | null): Promise<PostPage> {
    const more = found.length > query.limit;
    const shown = more ? found.slice(0, query.limit) : found;
    const last = shown[shown.length - 1];
    return {
      posts: await views.toDtos(shown, viewerId),
      next: more && last ? encodeCursor(last.createdAt, last._id) : null,
    };
  }

  return {
    /**
     * The viewer's feed: own posts (held/review included), friends' published public/friends posts,
     * and the public posts of certified spaces the viewer is a fan of.
     */
    async feed(viewer: Viewer, query: PageQuery): Promise<PostPage> {
      decodeCursor(query.before); // a bad cursor answers 400 before anything is looked up
      const [friendHexIds, followedHexIds, memberOf] = await Promise.all([
        deps.friends.friendIds(viewer.id),
        deps.fans ? deps.fans.followedIds(viewer.id) : Promise.resolve([]),
        ctx.membership.memberOf(viewer.id),
      ]);
      const friendIds = friendHexIds.map((id) => new Types.ObjectId(id));
      // Spaces followed but not already friends (their posts come through the friends query).
      const known = new Set([...friendHexIds, viewer.id]);
      const followedIds = followedHexIds.filter((id) => !known.has(id)).map((id) => new Types.ObjectId(id));
      // Queries for own, friends' (one per alternative of the visibility rule: shared with all
      // friends, limited to groups the viewer is in) and followed posts, each an exact index
      // selection, merged here: measured faster on the embedded store than one query whose $or is
      // re-checked per row (scripts/bench/feed.ts).
      const me = new Types.ObjectId(viewer.id);
      const fromFriends = friendIds.length
        ? visibleWhere('friend', me, memberOf).map((where) => newest({ author: { $in: friendIds }, status: 'published', ...where }, query))
        : [];
      const [own, followed, ...friends] = await Promise.all([
        newest(ownPosts(me), query),
        followedIds.length
          ? newest({ author: { $in: followedIds }, status: 'published', ...visibleWhere('stranger', me, [])[0] }, query)
          : [],
        ...fromFriends,
      ]);
      const merged = [...friends, followed].reduce((acc, rows) => mergeNewestFirst(acc, rows, query.limit + 1), own);
      return page(merged, query, viewer.id);
    },

    /** The posts of one space, as far as the viewer may see them. */
    async spacePosts(viewer: Viewer | null, handle: string, query: PageQuery): Promise<PostPage> {
      decodeCursor(query.before); // a bad cursor answers 400 before anything is looked up
      const owner = await deps.accounts.requireByHandle(handle);
      const relation = await ctx.relationTo(viewer, owner.id);
      const author = new Types.ObjectId(owner.id);
      if (relation === 'self') return page(await newest(ownPosts(author), query), query, viewer?.id ?? null);
      const me = viewer ? new Types.ObjectId(viewer.id) : null;
      const memberOf = relation === 'friend' && viewer ? [...(await deps.friends.circle(viewer.id, owner.id)).groupIds] : [];
      const found = await Promise.all(
        visibleWhere(
          relation,
          me,
          memberOf.map((id) => new Types.ObjectId(id)),
        ).map((where) => newest({ author, status: 'published', ...where }, query)),
      );
      const merged = found.reduce((acc, rows) => mergeNewestFirst(acc, rows, query.limit + 1), []);
      return page(merged, query, viewer?.id ?? null);
    },
  };
}

export type Feed = ReturnType<typeof createFeed>;
