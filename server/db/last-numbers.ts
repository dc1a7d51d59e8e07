/**
 * The last number taken per key (a conversation, an inbox, a bell), as this node last saw it: read
 * once, then advanced by the node's own inserts, so numbering costs no read per insert. A bounded map,
 * least recently used out first (a forgotten key is read again when needed). The unique index on the
 * numbers stays the guard between nodes: a node that is behind gets a duplicate key, forgets, reads again.
 * Callers take a key's numbers one at a time (a keyed queue per key), so a remembered number is current
 * on this node.
 */
import { isDuplicateKey } from './duplicate-key.js';

/** Attempts at taking the next number when another node took it first. */
const maxAttempts = 25;

export function createLastNumbers(remembered = 100_000) {
  const last = new Map<string, number>();
  const set = (key: string, n: number) => {
    last.delete(key);
    last.set(key, n);
    if (last.size > remembered) last.delete(last.keys().next().value as string);
  };
  return {
    get: (key: string) => last.get(key),
    set,
    forget: (key: string) => last.delete(key),
    clear: () => last.clear(),

    /**
     * Runs `insert` with the next number of `key` (remembered, else `readLast()` + 1) and remembers it once
     * stored. A duplicate key forgets the key and tries again with a fresh read, unless `stop` says the
     * duplicate is not about the number: then that error is thrown to the caller.
     */
    async next<T>(
      key: string,
      readLast: () => Promise<number>,
      insert: (n: number) => Promise<T>,
      stop?: () => Promise<boolean>,
    ): Promise<T> {
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const n = (last.get(key) ?? (await readLast())) + 1;
        try {
          const out = await insert(n);
          set(key, n);
          return out;
        } catch (err) {
          last.delete(key);
          if (!isDuplicateKey(err) || (stop && (await stop()))) throw err;
        }
      }
      throw new Error(`could not number ${key} after ${maxAttempts} attempts`);
    },
  };
}

export type LastNumbers = ReturnType<typeof createLastNumbers>;
