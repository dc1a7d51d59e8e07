/**
 * The friend graph of a run: a circulant graph (user i is friends with i ± o for each offset o).
 * Every user gets the same number of friends, the graph is symmetric by construction, and any
 * worker can answer "who are a's friends" from (users, offsets) alone — nothing to ship around.
 */

export interface FriendGraph {
  readonly users: number;
  /** Distinct offsets in [1, users/2]; an offset of exactly users/2 adds one friend, not two. */
  readonly offsets: readonly number[];
}

/** A deterministic PRNG (mulberry32), so a run's graph is reproducible from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A graph where each of `users` has `friends` friends (rounded down to what the size allows). */
export function makeFriendGraph(users: number, friends: number, seed = 1): FriendGraph {
  const k = Math.max(0, Math.min(friends, users - 1));
  const half = Math.floor((users - 1) / 2); // offsets 1..half give two friends each
  const pairs = Math.floor(k / 2);
  const offsets: number[] = [];
  if (pairs >= half) {
    for (let o = 1; o <= half; o++) offsets.push(o);
  } else if (pairs > 0) {
    const rand = prng(seed);
    const chosen = new Set<number>();
    while (chosen.size < pairs) chosen.add(1 + Math.floor(rand() * half));
    offsets.push(...[...chosen].sort((a, b) => a - b));
  }
  // An odd count fits when the number of users is even: the opposite user is one friend.
  if (k % 2 === 1 && users % 2 === 0) offsets.push(users / 2);
  return { users, offsets };
}

/** The friends of user `a`, as user indexes, in a fixed order (see `friendSlot`). */
export function friendsOf(g: FriendGraph, a: number): number[] {
  const out: number[] = [];
  for (const o of g.offsets) {
    out.push((a + o) % g.users);
    if (o * 2 !== g.users) out.push((a - o + g.users) % g.users);
  }
  return out;
}

export function friendCount(g: FriendGraph): number {
  let n = 0;
  for (const o of g.offsets) n += o * 2 === g.users ? 1 : 2;
  return n;
}

/**
 * Where `u` sits in `friendsOf(g, a)`, or -1 if they are not friends. Lets a worker count
 * receipts per (post, friend) in a small array instead of a map.
 */
export function friendSlot(g: FriendGraph, offsetIndex: ReadonlyMap<number, number>, a: number, u: number): number {
  const d = (u - a + g.users) % g.users;
  const plus = offsetIndex.get(d);
  if (plus !== undefined) return plus;
  const minus = offsetIndex.get(g.users - d);
  if (minus !== undefined && (g.users - d) * 2 !== g.users) return minus + 1;
  return -1;
}

/** offset → its slot in `friendsOf` order, for `friendSlot`. */
export function offsetSlots(g: FriendGraph): Map<number, number> {
  const m = new Map<number, number>();
  let slot = 0;
  for (const o of g.offsets) {
    m.set(o, slot);
    slot += o * 2 === g.users ? 1 : 2;
  }
  return m;
}

/** Every friendship once, as [a, b] with a < b (for seeding). */
export function* friendships(g: FriendGraph): Generator<[number, number]> {
  for (let a = 0; a < g.users; a++) {
    for (const o of g.offsets) {
      const b = (a + o) % g.users;
      // Each unordered pair is produced once: from the smaller side of its offset.
      if (o * 2 === g.users && b < a) continue;
      yield a < b ? [a, b] : [b, a];
    }
  }
}
