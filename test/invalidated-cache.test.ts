/**
 * The cache behind "who cares for an author" and "what a user muted": a value is read once and kept
 * until forgotten, and a read that raced a `forget` never puts the old value back.
 */
import { describe, expect, it } from 'vitest';
import { createInvalidatedCache } from '../server/invalidated-cache.js';

describe('createInvalidatedCache', () => {
  it('reads a key once, then answers from memory until it is forgotten', async () => {
    const store = new Map([['a', 1]]);
    const reads: string[] = [];
    const cache = createInvalidatedCache((key: string) => {
      reads.push(key);
      return Promise.resolve(store.get(key) ?? 0);
    });
    expect(await cache.get('a')).toBe(1);
    store.set('a', 2);
    expect(await cache.get('a')).toBe(1);
    cache.forget('a');
    expect(await cache.get('a')).toBe(2);
    expect(reads).toEqual(['a', 'a']);
  });

  it('does not keep a value read before a forget that ran while it was being read', async () => {
    let value = 'old';
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    const cache = createInvalidatedCache(async () => {
      const seen = value;
      if (first) {
        first = false;
        await gate; // the change and its forget land while this read is in flight
      }
      return seen;
    });
    const racing = cache.get('k');
    value = 'new';
    cache.forget('k');
    release();
    expect(await racing).toBe('old'); // its caller gets what it read…
    expect(await cache.get('k')).toBe('new'); // …but the cache did not keep it
  });

  it('reads again once the entry is older than the TTL, and keeps at most maxKeys', async () => {
    let reads = 0;
    const expiring = createInvalidatedCache(() => Promise.resolve(++reads), { ttlMs: 0 });
    await expiring.get('x');
    await expiring.get('x');
    expect(reads).toBe(2);

    const loaded: string[] = [];
    const small = createInvalidatedCache(
      (key: string) => {
        loaded.push(key);
        return Promise.resolve(key);
      },
      { maxKeys: 2 },
    );
    for (const key of ['a', 'b', 'c', 'a']) await small.get(key);
    expect(loaded).toEqual(['a', 'b', 'c', 'a']); // 'a' was the oldest when 'c' came in
  });
});
