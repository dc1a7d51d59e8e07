/**
 * The last number taken per key (a conversation, an inbox, a bell), as this node last saw it: read
 * once, then advanced by the node's own inserts, so numbering costs no read per insert. A bounded map,
 * least recently used out first (a forgotten key is read again when needed). The unique index on the
 * numbers stays the guard between nodes: a node that is behind gets a duplicate key, forgets, reads again.
 */
export function createLastNumbers(remembered = 100_000) {
  const last = new Map<string, number>();
  return {
    get: (key: string) => last.get(key),
    set(key: string, n: number) {
      last.delete(key);
      last.set(key, n);
      if (last.size > remembered) last.delete(last.keys().next().value as string);
    },
    forget: (key: string) => last.delete(key),
    clear: () => last.clear(),
  };
}

export type LastNumbers = ReturnType<typeof createLastNumbers>;
