/**
 * A value per key, read from the store once and kept until its owner says it changed. Correctness
 * comes from invalidation, not expiry: whoever changes what a key's value was read from calls
 * `forget` on every node (through the cluster bus, this node at once, before the change is
 * answered); the TTL only bounds what a lost cluster message could leave behind. A load that started
 * before an invalidation does not fill the cache (generation check), so it cannot put back what was
 * just forgotten. Used for what every write asks and what seldom changes: who marked an author for
 * special care (care/carers-cache.ts), the kinds a user muted (notifications).
 */
export interface InvalidatedCacheOptions {
  readonly ttlMs?: number;
  /** Keys kept at most; the least recently loaded go first. */
  readonly maxKeys?: number;
}

export interface InvalidatedCache<T> {
  /** The value of `key`: remembered, or loaded (and remembered unless `forget` ran meanwhile). */
  get(key: string): Promise<T>;
  /** What `key`'s value was read from changed: the next `get` loads it again. */
  forget(key: string): void;
}

interface Entry<T> {
  readonly value: T;
  readonly at: number;
}

export function createInvalidatedCache<T>(
  load: (key: string) => Promise<T>,
  { ttlMs = 60_000, maxKeys = 100_000 }: InvalidatedCacheOptions = {},
): InvalidatedCache<T> {
  const cache = new Map<string, Entry<T>>();
  /** Bumped by every invalidation of a key, so a load that raced it is not cached. */
  const generation = new Map<string, number>();
  const generationOf = (key: string) => generation.get(key) ?? 0;

  return {
    async get(key) {
      const hit = cache.get(key);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value;
      const before = generationOf(key);
      const value = await load(key);
      if (generationOf(key) === before) {
        cache.delete(key); // re-inserted last: Map order is the eviction order
        cache.set(key, { value, at: Date.now() });
        if (cache.size > maxKeys) cache.delete(cache.keys().next().value as string);
      }
      return value;
    },
    forget(key) {
      cache.delete(key);
      // Never pruned: a pruned entry could make a racing load look current. It grows with changes only.
      generation.set(key, generationOf(key) + 1);
    },
  };
}
