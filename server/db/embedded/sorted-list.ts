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

  /** First position whose item does not satisfy `before` (which must hold for a prefix of the list). */
  partition(before: (x: T) => boolean): Position {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const ch = chunks[mid]!;
      if (before(ch[ch.length - 1]!)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === chunks.length) return { c: lo, i: 0 };
    const ch = chunks[lo]!;
    let a = 0;
    let b = ch.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (before(ch[mid]!)) a = mid + 1;
      else b = mid;
    }
    return { c: lo, i: a };
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
