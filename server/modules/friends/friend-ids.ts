/**
 * Friend ids per user, cached, because every connect, presence change and post asks for them.
 * Correctness comes from invalidation, not expiry: the friends service forgets both users of a
 * friendship the moment it is made or ended (before it answers), on this node at once and on the
 * other nodes through the cluster (`Pusher.tellOtherNodes`); the TTL only bounds what a lost
 * cluster message could leave behind. A load that started before an invalidation does not fill
 * the cache (generation check), so it cannot put an ex-friend back.
 *
 * Misses in the same event-loop turn share one `$in` query (a reconnect storm is thousands of
 * misses at once).
 */
import { Types, type Model } from 'mongoose';
import type { FriendEdgeRecord } from './model.js';
import { edgeIdsOf } from './raw-edge.js';

const none: readonly string[] = Object.freeze([]);

export interface FriendIdCacheOptions {
  readonly ttlMs?: number;
  /** Users kept at most; the oldest entries go first. */
  readonly maxUsers?: number;
}

interface Entry {
  readonly ids: readonly string[];
  readonly at: number;
}

export function createFriendIdCache(edges: Model<FriendEdgeRecord>, { ttlMs = 60_000, maxUsers = 200_000 }: FriendIdCacheOptions = {}) {
  const cache = new Map<string, Entry>();
  /** Bumped by every invalidation of a user, so a load that raced it is not cached. */
  const generation = new Map<string, number>();
  let batch: Map<string, Array<{ resolve: (ids: readonly string[]) => void; reject: (err: unknown) => void }>> | undefined;

  const generationOf = (userId: string) => generation.get(userId) ?? 0;
  /**
   * One string per user id across all cached lists: a user with many friends is in each of their
   * lists, and a fresh hex string per list (24 chars, ~40 bytes) is most of the cache's heap.
   */
  const pool = new Map<string, string>();
  const interned = (id: string): string => {
    const known = pool.get(id);
    if (known !== undefined) return known;
    if (pool.size >= maxUsers * 4) pool.clear();
    pool.set(id, id);
    return id;
  };

  /**
   * Every edge of `userIds`, read as raw BSON (raw-edge.ts: no object per edge). Through the model,
   * not its collection: mongoose holds the call while the store is away instead of failing it.
   */
  async function load(userIds: readonly string[]): Promise<Map<string, string[]>> {
    const found = await edges
      .find({ user: { $in: userIds.map((id) => new Types.ObjectId(id)) } }, { user: 1, friend: 1, _id: 0 })
      .setOptions({ raw: true })
      // A turn's edges in the first reply (the default, 101, cost a getMore per batch of connects
      // with 20 friends); bounded, so a storm of thousands of users still comes in replies of ~0.5 MB.
      .batchSize(10_000)
      .lean<Uint8Array[]>();
    const byUser = new Map<string, string[]>(userIds.map((id) => [id, []]));
    for (const doc of found) {
      const edge = edgeIdsOf(doc);
      if (edge) byUser.get(edge.user)?.push(interned(edge.friend));
    }
    return byUser;
  }

  function flush(): void {
    const waiting = batch;
    batch = undefined;
    if (!waiting) return;
    const userIds = [...waiting.keys()];
    const generations = userIds.map(generationOf);
    load(userIds).then(
      (byUser) => {
        const now = Date.now();
        userIds.forEach((userId, i) => {
          const ids = byUser.get(userId) ?? [];
          if (generationOf(userId) === generations[i]) remember(userId, { ids, at: now });
          for (const w of waiting.get(userId) ?? []) w.resolve(ids);
        });
      },
      (err: unknown) => {
        for (const waiters of waiting.values()) for (const w of waiters) w.reject(err);
      },
    );
  }

  function remember(userId: string, entry: Entry): void {
    cache.delete(userId); // re-inserted last: Map order is the eviction order
    cache.set(userId, entry);
    if (cache.size > maxUsers) cache.delete(cache.keys().next().value as string);
  }

  /**
   * The cached list itself, not a copy (never change it): the same array for as long as the user's
   * friendships stay as they were and the entry has not expired, so a caller that read it twice can
   * tell "unchanged" by identity without comparing ids.
   */
  function list(userId: string): Promise<readonly string[]> {
    if (!Types.ObjectId.isValid(userId)) return Promise.resolve(none);
    const hit = cache.get(userId);
    if (hit && Date.now() - hit.at < ttlMs) return Promise.resolve(hit.ids);
    return new Promise((resolve, reject) => {
      if (!batch) {
        batch = new Map();
        setImmediate(flush);
      }
      let waiters = batch.get(userId);
      if (!waiters) batch.set(userId, (waiters = []));
      waiters.push({ resolve, reject });
    });
  }

  return {
    /** The friends of `userId` (a copy: callers may keep or change it). */
    async get(userId: string): Promise<string[]> {
      return [...(await list(userId))];
    },
    list,
    /** Their friendships changed: the next `get` asks the store. */
    forget(userIds: readonly string[]): void {
      for (const id of userIds) {
        cache.delete(id);
        // Never pruned: a pruned entry could make a racing load look current. It grows with
        // friendship changes only (small next to the cache itself).
        generation.set(id, generationOf(id) + 1);
      }
    },
  };
}

export type FriendIdCache = ReturnType<typeof createFriendIdCache>;
