/**
 * In-memory secondary indexes: every index is an ordered list of (key tuple, document) entries
 * in MongoDB's value order, supporting point/range scans in both directions, unique checks,
 * sparse and partial indexes, and multikey (array) fields.
 */
import type { Document } from 'bson';
import { compareValues, DateKey, idKey, pathValues, renderValue } from './bson-values.js';
import { ErrorCodes, MongoServerError } from './errors.js';
import { compileFilter, type Matcher } from './matcher.js';
import { ownKeyValue, sharedKeyValue } from './shared-keys.js';
import { SortedList, type Position } from './sorted-list.js';
import type { DocEntry, IndexSpec } from './types.js';

/**
 * One index entry, flat: `[document, key0, key1, ...]`. An array instead of `{ k: [...], e }`
 * saves an object per document per index (~50 B of heap each).
 */
export type IndexEntry = [DocEntry, ...unknown[]];

/** An exactly-sized entry (a spread leaves spare capacity in the array's backing store). */
function entryOf(e: DocEntry, k: unknown[]): IndexEntry {
  switch (k.length) {
    case 1:
      return [e, k[0]];
    case 2:
      return [e, k[0], k[1]];
    case 3:
      return [e, k[0], k[1], k[2]];
    case 4:
      return [e, k[0], k[1], k[2], k[3]];
    default:
      return [e, ...k];
  }
}

export interface Range {
  lo?: unknown;
  loIncl: boolean;
  hi?: unknown;
  hiIncl: boolean;
}

/** Equality values for a prefix of the index fields, optionally followed by a range on the next field. */
export interface ScanBounds {
  eq: unknown[];
  range?: Range;
}

/** Where a scan's entries lie: an equality prefix, then a range on the next field. */
class ScanRange {
  readonly m: number;
  private readonly eq: unknown[];
  private readonly r: Range | undefined;
  private readonly rd: number;

  constructor(
    b: ScanBounds,
    private readonly dirs: number[],
  ) {
    this.m = b.eq.length;
    this.eq = b.eq;
    this.r = b.range;
    this.rd = dirs[this.m] ?? 1;
  }

  private prefixCmp(x: IndexEntry): number {
    const { m, eq, dirs } = this;
    for (let j = 0; j < m; j++) {
      const c = compareValues(x[j + 1], eq[j]);
      if (c !== 0) return c * dirs[j]!;
    }
    return 0;
  }

  /**
   * In index order the range starts at lo for ascending fields and at hi for descending ones.
   * `side` -1 asks whether x comes before the range's start, +1 whether it comes after its end.
   */
  outside(x: IndexEntry, side: -1 | 1): boolean {
    const c = this.prefixCmp(x);
    if (c !== 0) return c * side > 0;
    const { r, rd } = this;
    if (!r) return false;
    const atHi = rd * side > 0; // the end of an ascending range, or the start of a descending one
    const bound = atHi ? r.hi : r.lo;
    if (bound === undefined) return false;
    const incl = atHi ? r.hiIncl : r.loIncl;
    const d = compareValues(x[this.m + 1], bound) * rd;
    return d * side > 0 || (d === 0 && !incl);
  }
}

/** Remembered scan starts per index at most (see Index.starts). */
const MAX_STARTS = 1 << 16;

/** Notes where a scan started (for the next scan of its plan, and of its prefix). */
function noteStart(
  starts: Map<string, number>,
  at: Position,
  key: string | undefined,
  known: number | undefined,
  seek: { at?: Position } | undefined,
): Position {
  if (seek) seek.at = at;
  if (key !== undefined) {
    if (known === undefined && starts.size >= MAX_STARTS) starts.clear();
    starts.set(key, SortedList.pack(at));
  }
  return at;
}

/** The key of a scan start: direction and the equality prefix's values. */
function startKey(eq: unknown[], reverse: boolean): string {
  let k = reverse ? 'r' : 'f';
  for (const v of eq) k += '\u0000' + idKey(v);
  return k;
}

export function indexNameFor(key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([f, d]) => `${f}_${String(d)}`)
    .join('_');
}

export class Index {
  readonly spec: IndexSpec;
  readonly fields: string[];
  readonly paths: string[][];
  /** Per field: whether it is the document's _id (whose values are never shared with other documents'). */
  private readonly idField: boolean[];
  readonly dirs: number[];
  readonly list: SortedList<IndexEntry>;
  private readonly partial: Matcher | null;
  /**
   * Where the last scan of an equality prefix (without a range) started, by prefix and direction:
   * a later scan of that prefix gallops from there (one or two probes when nothing moved) instead
   * of a binary search over the whole list, whose probes are cache misses at a million entries.
   * Only a hint: SortedList.partition checks it and searches afresh when it is past the answer.
   * Emptied when it reaches MAX_STARTS (a few MB at most).
   */
  private readonly starts = new Map<string, number>();
  multikey = false;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.paths = this.fields.map((f) => f.split('.'));
    this.idField = this.fields.map((f) => f === '_id');
    this.dirs = this.fields.map((f) => (Number(spec.key[f]) < 0 ? -1 : 1));
    this.partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : null;
    const dirs = this.dirs;
    const n = dirs.length;
    this.list = new SortedList<IndexEntry>((a, b) => {
      for (let i = 0; i < n; i++) {
        const c = compareValues(a[i + 1], b[i + 1]);
        if (c !== 0) return c * dirs[i]!;
      }
      return a[0].key < b[0].key ? -1 : a[0].key > b[0].key ? 1 : 0;
    });
  }

  get name(): string {
    return this.spec.name;
  }
  get unique(): boolean {
    return this.spec.unique === true;
  }
  get sparse(): boolean {
    return this.spec.sparse === true;
  }
  get isPartial(): boolean {
    return this.partial !== null;
  }

  /** Key tuples for a document, or null when a sparse/partial index excludes it. */
  keysFor(doc: Document): unknown[][] | null {
    if (this.partial && !this.partial(doc)) return null;
    const perField: unknown[][] = [];
    let allMissing = true;
    for (let f = 0; f < this.paths.length; f++) {
      const path = this.paths[f]!;
      const keyValue = this.idField[f] ? ownKeyValue : sharedKeyValue;
      const raw = pathValues(doc, path);
      let vals: unknown[];
      if (raw.length === 1 && !Array.isArray(raw[0])) {
        vals = raw;
      } else {
        vals = [];
        for (const v of raw) {
          if (Array.isArray(v)) {
            if (v.length === 0) vals.push(undefined);
            else for (const x of v) if (!vals.some((y) => compareValues(x, y) === 0)) vals.push(x);
          } else if (!vals.some((y) => compareValues(v, y) === 0)) vals.push(v);
        }
        this.multikey = true;
      }
      for (let i = 0; i < vals.length; i++) {
        const v = vals[i];
        if (v === undefined) vals[i] = null;
        else {
          allMissing = false;
          vals[i] = keyValue(v);
        }
      }
      perField.push(vals);
    }
    if (this.sparse && allMissing) return null;
    let tuples: unknown[][] = [[]];
    for (const vals of perField) {
      if (vals.length === 1) {
        for (const t of tuples) t.push(vals[0]);
      } else {
        const next: unknown[][] = [];
        for (const t of tuples) for (const v of vals) next.push([...t, v]);
        tuples = next;
      }
    }
    return tuples;
  }

  add(e: DocEntry, keys = this.keysFor(e.doc)): void {
    if (!keys) return;
    for (const k of keys) this.list.insert(entryOf(e, k));
  }

  remove(e: DocEntry, keys = this.keysFor(e.doc)): void {
    if (!keys) return;
    for (const k of keys) this.list.remove([e, ...k]);
  }

  /** Swaps the document an entry points to when its keys did not change. */
  replaceSameKeys(oldE: DocEntry, newE: DocEntry, keys: unknown[][]): void {
    for (const k of keys) this.list.replace(entryOf(oldE, k), entryOf(newE, k));
  }

  /** Throws E11000 if another document already holds one of `keys` in this unique index. */
  checkUnique(ns: string, keys: unknown[][] | null, selfKey: string | null): void {
    if (!this.unique || !keys) return;
    const n = this.dirs.length;
    for (const k of keys) {
      const p = this.list.partition((x) => this.cmpKey(x, k, n) < 0);
      for (const x of this.list.forward(p)) {
        if (this.cmpKey(x, k, n) !== 0) break;
        if (x[0].key !== selfKey) throw this.duplicateError(ns, k);
      }
    }
  }

  duplicateError(ns: string, k: unknown[]): MongoServerError {
    const keyValue: Record<string, unknown> = {};
    this.fields.forEach((f, i) => (keyValue[f] = k[i] instanceof DateKey ? k[i].toDate() : k[i]));
    const rendered = this.fields.map((f, i) => `${f}: ${renderValue(k[i])}`).join(', ');
    const msg = `E11000 duplicate key error collection: ${ns} index: ${this.name} dup key: { ${rendered} }`;
    return new MongoServerError(ErrorCodes.DuplicateKey, msg, { keyPattern: { ...this.spec.key }, keyValue });
  }

  /** Compares an entry's keys with a key tuple. */
  private cmpKey(a: IndexEntry, b: unknown[], n: number): number {
    for (let i = 0; i < n; i++) {
      const c = compareValues(a[i + 1], b[i]);
      if (c !== 0) return c * this.dirs[i]!;
    }
    return 0;
  }

  /**
   * Entries within the bounds, in index order (or reversed). `seek`, shared by the scans of one
   * plan that start in index order, carries where the last one found its start, and each search
   * gallops on from there (see SortedList.partition).
   */
  scan(b: ScanBounds, reverse = false, seek?: { at?: Position }): Iterable<IndexEntry> {
    // No closures made per scan: under tsx (keepNames) each named one costs a defineProperty, and a
    // feed query makes hundreds of scans.
    const bounds = new ScanRange(b, this.dirs);
    const list = this.list;
    const key = bounds.m > 0 && !b.range ? startKey(b.eq, reverse) : undefined;
    const known = key === undefined ? undefined : this.starts.get(key);
    const from = known === undefined ? seek?.at : SortedList.unpack(known);
    const starts = this.starts;
    if (!reverse) {
      return (function* () {
        const at = noteStart(
          starts,
          list.partition((y) => bounds.outside(y, -1), from),
          key,
          known,
          seek,
        );
        for (const x of list.forward(at)) {
          if (bounds.outside(x, 1)) return;
          yield x;
        }
      })();
    }
    return (function* () {
      const at = noteStart(
        starts,
        list.partition((y) => !bounds.outside(y, 1), from),
        key,
        known,
        seek,
      );
      for (const x of list.backward(at)) {
        if (bounds.outside(x, -1)) return;
        yield x;
      }
    })();
  }

  clear(): void {
    this.list.clear();
    this.starts.clear();
    this.multikey = false;
  }
}
