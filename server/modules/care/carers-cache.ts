/**
 * Who marked an author (特别关心), per author, cached: every published post asks (posts/care-notices.ts),
 * and at a sparse rate that query was one of a post's four store commands while marks change rarely.
 * A mark made or taken back forgets its author on every node (`care:changed` on the cluster bus); see
 * invalidated-cache.ts for why that is enough. The marks are not yet filtered by friendship:
 * `carersOf` keeps only current friends, read from the friend-id cache, which is invalidated on every
 * friendship change.
 */
import { Types, type Model } from 'mongoose';
import { createInvalidatedCache, type InvalidatedCacheOptions } from '../../invalidated-cache.js';
import type { CareRecord } from './model.js';

export function createCarersCache(cares: Model<CareRecord>, options: InvalidatedCacheOptions = {}) {
  const cache = createInvalidatedCache<readonly string[]>(async (authorId) => {
    const marks = await cares.find({ friend: new Types.ObjectId(authorId) }, { user: 1, _id: 0 }).lean<Array<{ user: Types.ObjectId }>>();
    return marks.map((m) => m.user.toHexString());
  }, options);
  return {
    /** The users who marked `authorId` (a copy), friends or not. */
    async get(authorId: string): Promise<string[]> {
      return [...(await cache.get(authorId))];
    },
    /** Someone marked or unmarked `authorId`: the next `get` asks the store. */
    forget: (authorId: string) => cache.forget(authorId),
  };
}
