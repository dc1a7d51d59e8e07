/**
 * An ordered multiset kept as a list of bounded chunks (a flat two-level B-tree):
 * O(log n) search, O(sqrt-ish) insert/remove without moving the whole array.
 */
export interface Position {
  c: number;
  i: number;
}

const MAX_CHUNK = 512;

export class SortedList<T> {
  private chunks: T[][] = [];
  private count = 0;

  constructor(private readonly cmp: (a: T, b: T) => number) {}

  get size(): number {
    return this.count;
  }

  /**
   * First position whose item does not satisfy `before` (which must hold for a prefix of the list).
   * `from`, a position at or before the answer (usually the answer of a neighbouring search), lets
   * the search gallop forward from there instead of starting over: a k-way merge of many index
   * ranges seeks them in order, and ranges of one prefix (one author's status × privacy streams)
   * lie close together. A `from` past the answer (or no longer a position) is noticed with one
   * probe and ignored.
   */
  partition(before: (x: T) => boolean, from?: Position): Position {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    if (from && this.validStart(before, from)) {
      if (from.c === chunks.length) return { c: from.c, i: 0 };
      const ch = chunks[from.c]!;
      if (!before(ch[ch.length - 1]!)) return { c: from.c, i: this.searchChunk(ch, before, from.i) };
      // Gallop over the chunks after from.c (all of from.c is before), then search between.
      lo = from.c + 1;
      let step = 1;
      for (;;) {
        const k = from.c + step;
        if (k >= chunks.length) break;
        const last = chunks[k]!;
        if (!before(last[last.length - 1]!)) {
          hi = k;
          break;
        }
        lo = k + 1;
        step *= 2;
      }
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const ch = chunks[mid]!;
      if (before(ch[ch.length - 1]!)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === chunks.length) return { c: lo, i: 0 };
    return { c: lo, i: this.searchChunk(chunks[lo]!, before, 0) };
  }

  /** Whether every item before `p` satisfies `before` (`p` a position of the list as it is now). */
  private validStart(before: (x: T) => boolean, p: Position): boolean {
    const chunks = this.chunks;
    if (p.c > chunks.length || p.c < 0) return false;
    if (p.c === chunks.length) {
      if (p.i !== 0) return false;
      if (p.c === 0) return true;
      const last = chunks[p.c - 1]!;
      return before(last[last.length - 1]!);
    }
    const ch = chunks[p.c]!;
    if (p.i < 0 || p.i >= ch.length) return false;
    if (p.i > 0) return before(ch[p.i - 1]!);
    if (p.c === 0) return true;
    const prev = chunks[p.c - 1]!;
    return before(prev[prev.length - 1]!);
  }

  /**
   * The first index from `a` in `ch` whose item is not before (the chunk's last item is not):
   * galloping from `a` (an exact `from` costs one probe), then a binary search.
   */
  private searchChunk(ch: T[], before: (x: T) => boolean, a: number): number {
    let b = ch.length;
    for (let step = 1; a < b; step *= 2) {
      const k = a + step - 1;
      if (k >= b) break;
      if (!before(ch[k]!)) {
        b = k;
        break;
      }
      a = k + 1;
    }
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (before(ch[mid]!)) a = mid + 1;
      else b = mid;
    }
    return a;
  }

  insert(x: T): void {
    const cmp = this.cmp;
    this.count++;
    if (this.chunks.length === 0) {
      this.chunks.push([x]);
      return;
    }
    let { c, i } = this.partition((e) => cmp(e, x) < 0);
    if (c === this.chunks.length) {
      c = this.chunks.length - 1;
      i = this.chunks[c]!.length;
    }
    const ch = this.chunks[c]!;
    if (i === ch.length) ch.push(x);
    else ch.splice(i, 0, x);
    if (ch.length > MAX_CHUNK) {
      const right = ch.splice(ch.length >>> 1);
      this.chunks.splice(c + 1, 0, right);
    }
  }

  private locate(x: T): Position | undefined {
    const cmp = this.cmp;
    const p = this.partition((e) => cmp(e, x) < 0);
    const ch = this.chunks[p.c];
    if (!ch || p.i >= ch.length || cmp(ch[p.i]!, x) !== 0) return undefined;
    return p;
  }

  remove(x: T): boolean {
    const p = this.locate(x);
    if (!p) return false;
    const ch = this.chunks[p.c]!;
    ch.splice(p.i, 1);
    if (ch.length === 0) this.chunks.splice(p.c, 1);
    this.count--;
    return true;
  }

  /** Replaces an item with one that compares equal to it (same position). */
  replace(oldItem: T, newItem: T): boolean {
    const p = this.locate(oldItem);
    if (!p) return false;
    this.chunks[p.c]![p.i] = newItem;
    return true;
  }

  /** A position as one number (a chunk holds at most MAX_CHUNK + 1 items, briefly, before it splits). */
  static pack(p: Position): number {
    return p.c * 1024 + p.i;
  }

  static unpack(n: number): Position {
    return { c: Math.floor(n / 1024), i: n % 1024 };
  }

  at(p: Position): T | undefined {
    return this.chunks[p.c]?.[p.i];
  }

  /** Items from position `p` forward. */
  *forward(p: Position): Generator<T> {
    const chunks = this.chunks;
    let i = p.i;
    for (let c = p.c; c < chunks.length; c++) {
      const ch = chunks[c]!;
      for (; i < ch.length; i++) yield ch[i]!;
      i = 0;
    }
  }

  /** Items strictly before position `p`, going backward. */
  *backward(p: Position): Generator<T> {
    const chunks = this.chunks;
    let c = p.c;
    let i = p.i - 1;
    if (c >= chunks.length) {
      c = chunks.length - 1;
      i = c >= 0 ? chunks[c]!.length - 1 : -1;
    }
    for (; c >= 0; c--) {
      const ch = chunks[c]!;
      if (i < 0 && c !== p.c) i = ch.length - 1;
      for (; i >= 0; i--) yield ch[i]!;
      i = -1;
    }
  }

  *all(): Generator<T> {
    for (const ch of this.chunks) for (const x of ch) yield x;
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
  }
}
