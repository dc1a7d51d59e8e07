/**
 * The feed (the viewer's own posts and what friends let them see) and a space's post list. Both
 * filter in the query itself, never by fetching and dropping, so pages keep their size and reveal
 * nothing by their timing; both page by the (createdAt, _id) cursor.
 */
import { Types } from 'mongoose';
import type { PostDto } from '../../../shared/dto.js';
import type { PageQuery } from '../../../shared/schemas/common.js';
import type { Viewer } from '../accounts/viewer.js';
import { visiblePrivacies } from '../friends/visibility.js';
import type { PostContext } from './context.js';
import { beforeCursor, decodeCursor, encodeCursor } from './feed-cursor.js';
import type { PostRecord } from './post-model.js';
import type { PostViews } from './post-views.js';

export interface PostPage {
  readonly posts: PostDto[];
  readonly next: string | null;
}

/** What an author sees of their own posts: everything not taken down, held and review included. */
const ownStatuses = ['published', 'held', 'review'] as const;

const newestFirst = { createdAt: -1, _id: -1 } as const;

export function createFeed(ctx: PostContext, views: PostViews) {
  const { deps, posts } = ctx;

  async function page(filter: Record<string, unknown>, query: PageQuery, viewerId: string | null): Promise<PostPage> {
    const found = await posts.find(filter).sort(newestFirst).limit(query.limit + 1).lean<PostRecord[]>();
    const more = found.length > query.limit;
    const shown = more ? found.slice(0, query.limit) : found;
    const last = shown[shown.length - 1];
    return {
      posts: await views.toDtos(shown, viewerId),
      next: more && last ? encodeCursor(last.createdAt, last._id) : null,
    };
  }

  /** Joins conditions with the cursor's; `$and` only when there is more than one. */
  function withCursor(base: Record<string, unknown>, conditions: Record<string, unknown>[], before: string | undefined) {
    const all = [...conditions, ...beforeCursor(decodeCursor(before))];
    return all.length ? { ...base, $and: all } : base;
  }

  return {
    /** The viewer's feed: own posts (held/review included) and friends' published public/friends posts. */
    async feed(viewer: Viewer, query: PageQuery): Promise<PostPage> {
      const self = new Types.ObjectId(viewer.id);
      const friendIds = (await deps.friends.friendIds(viewer.id)).map((id) => new Types.ObjectId(id));
      const own = { author: self, status: { $in: ownStatuses } };
      // One index walk over every author (author $in, newest first, merged by the store); the
      // $or only decides per document which rule applies — own posts or a friend's.
      const filter = friendIds.length
        ? withCursor(
            { author: { $in: [self, ...friendIds] } },
            [{ $or: [own, { author: { $in: friendIds }, status: 'published', privacy: { $in: visiblePrivacies('friend') } }] }],
            query.before,
          )
        : withCursor(own, [], query.before);
      return page(filter, query, viewer.id);
    },

    /** The posts of one space, as far as the viewer may see them. */
    async spacePosts(viewer: Viewer | null, handle: string, query: PageQuery): Promise<PostPage> {
      decodeCursor(query.before); // a bad cursor answers 400 before anything is looked up
      const owner = await deps.accounts.requireByHandle(handle);
      const relation = await ctx.relationTo(viewer, owner.id);
      const base =
        relation === 'self'
          ? { author: new Types.ObjectId(owner.id), status: { $in: ownStatuses } }
          : { author: new Types.ObjectId(owner.id), status: 'published', privacy: { $in: visiblePrivacies(relation) } };
      return page(withCursor(base, [], query.before), query, viewer?.id ?? null);
    },
  };
}

export type Feed = ReturnType<typeof createFeed>;
