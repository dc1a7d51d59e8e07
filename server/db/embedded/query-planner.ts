/**
 * Chooses how to produce candidate documents for a filter + sort: an _id point lookup, an index
 * scan (equality/$in prefix, then a range on the next field), a k-way merge of per-key index
 * ranges that yields documents already in sort order, or a collection scan.
 * The full filter is always re-checked with mingo, so the plan only has to return a superset.
 */
import type { Document } from 'bson';
import { compareValues, idKey, isOperatorObject, isPlainObject, sortValue } from './bson-values.js';
import { badValue } from './errors.js';
import type { Index, IndexEntry, Range, ScanBounds } from './indexes.js';
import type { DocEntry, SortSpec } from './types.js';

interface FieldBounds {
  points?: unknown[];
  range?: Range;
}

const MAX_STREAMS = 4096;

function usableScalar(v: unknown): boolean {
  return !(v instanceof RegExp) && !Array.isArray(v) && !isOperatorObject(v) && (v === null || typeof v !== 'object' || !('$regex' in v));
}

function intersectPoints(a: unknown[] | undefined, b: unknown[]): unknown[] {
  if (!a) return b;
  return a.filter((x) => b.some((y) => compareValues(x, y) === 0));
}

/** Extracts index-usable bounds from the top level of a filter (and nested $and). */
export function analyzeFilter(filter: Document | undefined, out = new Map<string, FieldBounds>()): Map<string, FieldBounds> {
  if (!filter) return out;
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) analyzeFilter(sub, out);
      continue;
    }
    if (field.startsWith('$')) continue;
    const b = out.get(field) ?? {};
    if (!isOperatorObject(cond)) {
      if (usableScalar(cond)) b.points = intersectPoints(b.points, [cond]);
      else continue;
    } else {
      for (const [op, arg] of Object.entries(cond)) {
        switch (op) {
          case '$eq':
            if (usableScalar(arg)) b.points = intersectPoints(b.points, [arg]);
            break;
          case '$in':
            if (Array.isArray(arg) && arg.every(usableScalar)) b.points = intersectPoints(b.points, arg);
            break;
          case '$gt':
          case '$gte':
            if (usableScalar(arg)) {
              const r = (b.range ??= { loIncl: true, hiIncl: true });
              if (r.lo === undefined || compareValues(arg, r.lo) >= 0) {
                r.loIncl = op === '$gte' && !(r.lo !== undefined && compareValues(arg, r.lo) === 0 && !r.loIncl);
                r.lo = arg;
              }
            }
            break;
          case '$lt':
          case '$lte':
            if (usableScalar(arg)) {
              const r = (b.range ??= { loIncl: true, hiIncl: true });
              if (r.hi === undefined || compareValues(arg, r.hi) <= 0) {
                r.hiIncl = op === '$lte' && !(r.hi !== undefined && compareValues(arg, r.hi) === 0 && !r.hiIncl);
                r.hi = arg;
              }
            }
            break;
          default:
            break;
        }
      }
    }
    out.set(field, b);
  }
  return out;
}

export interface PlanInfo {
  kind: 'idLookup' | 'ixscan' | 'or' | 'collscan';
  index?: string;
  streams?: number;
  sortedByIndex: boolean;
}

export interface CandidateSource {
  info: PlanInfo;
  /** True when every candidate is known to match the whole filter (no re-check needed). */
  exact?: boolean;
  /** Candidate documents; in the requested sort order when info.sortedByIndex. May contain duplicates only if `dedupe`. */
  entries: Iterable<DocEntry>;
  dedupe: boolean;
}

interface CollectionView {
  docs: Map<string, DocEntry>;
  /** Read once per plan, and again per branch of a `$or`. */
  indexes: ReadonlyMap<string, Index>;
}

/** Binary min-heap merge of sorted iterators. */
function* mergeStreams(streams: Iterable<IndexEntry>[], cmp: (a: IndexEntry, b: IndexEntry) => number): Generator<IndexEntry> {
  const heads: Array<{ v: IndexEntry; it: Iterator<IndexEntry> }> = [];
  for (const s of streams) {
    const it = s[Symbol.iterator]();
    const r = it.next();
    if (!r.done) heads.push({ v: r.value, it });
  }
  const less = (i: number, j: number): boolean => cmp(heads[i]!.v, heads[j]!.v) < 0;
  const swap = (i: number, j: number): void => {
    const t = heads[i]!;
    heads[i] = heads[j]!;
    heads[j] = t;
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heads.length && less(l, m)) m = l;
      if (r < heads.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let i = (heads.length >> 1) - 1; i >= 0; i--) down(i);
  while (heads.length > 0) {
    const top = heads[0]!;
    yield top.v;
    const r = top.it.next();
    if (r.done) {
      const last = heads.pop()!;
      if (heads.length > 0) {
        heads[0] = last;
        down(0);
      }
    } else {
      top.v = r.value;
      down(0);
    }
  }
}

function* mapEntries(src: Iterable<IndexEntry>): Generator<DocEntry> {
  for (const x of src) yield x[0];
}

export function planQuery(coll: CollectionView, filter: Document | undefined, sort: SortSpec): CandidateSource {
  const bounds = analyzeFilter(filter);
  const idb = bounds.get('_id');
  if (idb?.points) {
    const seen = new Set<string>();
    const out: DocEntry[] = [];
    for (const p of idb.points) {
      const k = idKey(p);
      if (seen.has(k)) continue;
      seen.add(k);
      const e = coll.docs.get(k);
      if (e) out.push(e);
    }
    const exact = Object.keys(filter ?? {}).length === 1 && isExactPointCondition(filter!._id);
    return { info: { kind: 'idLookup', sortedByIndex: false }, entries: out, dedupe: false, exact };
  }

  let best: { ix: Index; m: number; useRange: boolean; sorted: boolean; reverse: boolean; score: number; streams: number } | undefined;
  for (const ix of coll.indexes.values()) {
    if (ix.isPartial) continue;
    let m = 0;
    let streams = 1;
    for (const f of ix.fields) {
      const pts = bounds.get(f)?.points;
      if (!pts || streams * pts.length > MAX_STREAMS) break;
      streams *= pts.length;
      m++;
    }
    if (ix.sparse) {
      const first = bounds.get(ix.fields[0]!);
      const nonNull = first?.points?.every((p) => p !== null) || (first?.range && m === 0);
      if (!nonNull) continue;
    }
    const rangeField = ix.fields[m];
    const useRange = !ix.multikey && rangeField !== undefined && bounds.get(rangeField)?.range !== undefined;
    // Sort support: sort fields minus single-point prefix fields must continue the index after the prefix.
    let sorted = false;
    let reverse = false;
    if (sort.length > 0 && !ix.multikey) {
      const rest = sort.filter(([f]) => {
        const pos = ix.fields.indexOf(f);
        return !(pos >= 0 && pos < m && bounds.get(f)!.points!.length === 1);
      });
      if (rest.length === 0) sorted = true;
      else {
        let s = 0;
        sorted = rest.every(([f, d], i) => {
          if (ix.fields[m + i] !== f) return false;
          const rel = d * ix.dirs[m + i]!;
          if (s === 0) s = rel;
          return rel === s;
        });
        reverse = s < 0;
      }
    }
    let score = m * 4 + (useRange ? 2 : 0) + (sorted && sort.length > 0 ? 3 : 0);
    if (ix.unique && m === ix.fields.length) score += 10;
    if (score > 0 && (!best || score > best.score)) best = { ix, m, useRange, sorted, reverse, score, streams };
  }

  if (!best) {
    return (
      planOr(coll, filter) ?? { info: { kind: 'collscan', sortedByIndex: sort.length === 0 }, entries: coll.docs.values(), dedupe: false }
    );
  }
  const { ix, m, useRange, sorted, reverse } = best;
  // Cartesian product of the point lists for the equality prefix.
  let prefixes: unknown[][] = [[]];
  for (let i = 0; i < m; i++) {
    const pts = [...bounds.get(ix.fields[i]!)!.points!].sort(compareValues);
    const next: unknown[][] = [];
    for (const p of prefixes) for (const v of pts) next.push([...p, v]);
    prefixes = next;
  }
  const range = useRange ? bounds.get(ix.fields[m]!)!.range : undefined;
  const scans: ScanBounds[] = prefixes.map((eq) => (range ? { eq, range } : { eq }));
  // The prefixes are in index order when their fields ascend, and the merge below starts the scans
  // in that order: each seek gallops on from the previous one's position.
  const seek = {};
  const iters = scans.map((b) => ix.scan(b, reverse, seek));
  let merged: Iterable<IndexEntry>;
  if (iters.length === 1) merged = iters[0]!;
  else if (sorted && sort.length > 0) {
    const n = ix.fields.length;
    const s = reverse ? -1 : 1;
    merged = mergeStreams(iters, (a, b) => {
      for (let i = m; i < n; i++) {
        const c = compareValues(a[i + 1], b[i + 1]);
        if (c !== 0) return c * ix.dirs[i]! * s;
      }
      return (a[0].key < b[0].key ? -1 : a[0].key > b[0].key ? 1 : 0) * s;
    });
  } else {
    merged = (function* () {
      for (const it of iters) yield* it;
    })();
  }
  // Exact when the filter is only scalar equalities/$in on the (non-multikey) index's prefix fields.
  const keys = Object.keys(filter ?? {});
  const exact =
    !ix.multikey &&
    !ix.sparse &&
    keys.length > 0 &&
    keys.every((k) => {
      const pos = ix.fields.indexOf(k);
      return pos >= 0 && pos < m && isExactPointCondition(filter![k]);
    });
  return {
    exact,
    info: { kind: 'ixscan', index: ix.name, streams: iters.length, sortedByIndex: sorted },
    entries: mapEntries(merged),
    dedupe: ix.multikey || iters.length > 1,
  };
}

/** Branches of a top-level `$or` planned one by one at most (past that, a scan is as cheap). */
const MAX_OR_BRANCHES = 256;

/**
 * A top-level `$or` whose every branch (with the filter's other conditions) has an index plan: the
 * union of the branches' candidates, deduplicated and re-checked like any plan (MongoDB's OR stage).
 * "Does either of us block the other" and a batch of pair look-ups are then index seeks, not a scan.
 */
function planOr(coll: CollectionView, filter: Document | undefined): CandidateSource | undefined {
  const branches: unknown = filter?.$or;
  if (!filter || !Array.isArray(branches) || branches.length === 0 || branches.length > MAX_OR_BRANCHES) return undefined;
  const { $or: _branches, ...rest } = filter;
  const plans: CandidateSource[] = [];
  for (const branch of branches) {
    if (!isPlainObject(branch)) return undefined;
    const plan = planQuery(coll, Object.keys(rest).length ? { $and: [rest, branch] } : branch, []);
    if (plan.info.kind === 'collscan') return undefined;
    plans.push(plan);
  }
  return {
    info: {
      kind: 'or',
      index: [...new Set(plans.map((p) => p.info.index ?? '_id_'))].join(','),
      streams: plans.reduce((n, p) => n + (p.info.streams ?? 1), 0),
      sortedByIndex: false,
    },
    entries: (function* () {
      for (const p of plans) yield* p.entries;
    })(),
    dedupe: true,
  };
}

function isExactScalar(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  const t = typeof v;
  if (t === 'string' || t === 'boolean') return true;
  if (t === 'number') return !Number.isNaN(v);
  if (v instanceof Date) return true;
  return t === 'object' && (v as { _bsontype?: string })._bsontype === 'ObjectId';
}

/** A condition the index bounds answer exactly: a scalar, { $eq: scalar } or { $in: [scalars] }. */
function isExactPointCondition(c: unknown): boolean {
  if (isExactScalar(c)) return true;
  if (!isOperatorObject(c)) return false;
  const ops = Object.keys(c);
  if (ops.length !== 1) return false;
  if (ops[0] === '$eq') return isExactScalar(c.$eq);
  if (ops[0] === '$in') return Array.isArray(c.$in) && c.$in.every(isExactScalar);
  return false;
}

/** Sorts documents by a sort spec using MongoDB's ordering (arrays by min/max element). */
export function sortEntries(entries: DocEntry[], sort: SortSpec): DocEntry[] {
  if (sort.length === 0) return entries;
  const paths = sort.map(([f]) => f.split('.'));
  const keyed = entries.map((e) => ({ e, k: sort.map(([, d], i) => sortValue(e.doc, paths[i]!, d)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < sort.length; i++) {
      const c = compareValues(a.k[i], b.k[i]);
      if (c !== 0) return c * sort[i]![1];
    }
    return 0;
  });
  return keyed.map((x) => x.e);
}

export function parseSort(sort: unknown): SortSpec {
  if (!isPlainObject(sort)) return [];
  const out: SortSpec = [];
  for (const [f, d] of Object.entries(sort)) {
    if (isPlainObject(d)) throw badValue(`unsupported sort specification: ${f}: { $meta } (text search is not supported)`);
    const n = Number(d);
    if (n !== 1 && n !== -1) throw badValue(`$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    out.push([f, n < 0 ? -1 : 1]);
  }
  return out;
}
