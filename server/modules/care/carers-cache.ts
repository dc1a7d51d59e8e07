/**
 * Who marked an author (特别关心), per author, cached: every published post asks (posts/care-notices.ts),
 * and at a sparse rate that query was one of a post's four store commands while marks change rarely.
 * Correctness comes from invalidation, as for friend ids (friends/friend-ids.ts): a mark made or taken
 * back forgets its author on every node (`care:changed` on the cluster bus, this node at once, before
 * the change is answered); the TTL only bounds what a lost cluster message could leave behind. A load
 * that started before an invalidation does not fill the cache (generation check). The marks are not
 * yet filtered by friendship: `carersOf` keeps only current friends, read from the friend-id cache,
 * which is invalidated on every friendship change.
 */
import { Types, type Model } from 'mongoose';
import type { CareRecord } from './model.js';

export interface CarersCacheOptions {
  readonly ttlMs?: number;
  /** Authors kept at most; the least recently loaded go first. */
  readonly maxAuthors?: number;
}

interface Entry {
  readonly carers: readonly string[];
  readonly at: number;
}

export function createCarersCache(cares: Model<CareRecord>, { ttlMs = 60_000, maxAuthors = 100_000 }: CarersCacheOptions = {}) {
  const cache = new Map<string, Entry>();
  /** Bumped by every invalidation of an author, so a load that raced it is not cached. */
  const generation = new Map<string, number>();
  const generationOf = (authorId: string) => generation.get(authorId) ?? 0;

  async function load(authorId: string): Promise<string[]> {
    const marks = await cares.find({ friend: new Types.ObjectId(authorId) }, { user: 1, _id: 0 }).lean<Array<{ user: Types.ObjectId }>>();
    return marks.map((m) => m.user.toHexString());
  }

  return {
    /** The users who marked `authorId` (a copy), friends or not. */
    async get(authorId: string): Promise<string[]> {
      const hit = cache.get(authorId);
      if (hit && Date.now() - hit.at < ttlMs) return [...hit.carers];
      const before = generationOf(authorId);
      const carers = await load(authorId);
      if (generationOf(authorId) === before) {
        cache.delete(authorId); // re-inserted last: Map order is the eviction order
        cache.set(authorId, { carers, at: Date.now() });
        if (cache.size > maxAuthors) cache.delete(cache.keys().next().value as string);
      }
      return [...carers];
    },
    /** Someone marked or unmarked `authorId`: the next `get` asks the store. */
    forget(authorId: string): void {
      cache.delete(authorId);
      // Never pruned: a pruned entry could make a racing load look current. It grows with mark changes only.
      generation.set(authorId, generationOf(authorId) + 1);
    },
  };
}
