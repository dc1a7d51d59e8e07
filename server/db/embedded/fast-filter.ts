/**
 * A native predicate for the filters the hub sends most (the feed query, lookups by field):
 * top-level fields compared with plain values, $eq, $ne, $in, $lt, $lte, $gt, $gte on numbers,
 * strings, booleans, Dates and ObjectIds, and `$and` / `$or` of such filters (the page cursor). mingo stays the semantic authority: a filter with
 * anything else is not compiled here, and a document whose field holds any other kind of value
 * (array, sub-document, null, Long, Decimal128, or a kind differing from a range operand) is
 * handed to the mingo matcher. The randomised test in test/db/embedded/fast-filter.test.ts
 * checks both agree.
 */
import type { Document, ObjectId } from 'bson';
import { isOperatorObject, isPlainObject } from './bson-values.js';
import { compileFilter, type Matcher } from './matcher.js';

/** Kinds the fast path decides itself; OTHER means "ask mingo", MISSING means the field is absent. */
const MISSING = 0;
const NUM = 1;
const STR = 2;
const BOOL = 3;
const DATE = 4;
const OID = 5;
const OTHER = -1;

function kindOf(v: unknown): number {
  switch (typeof v) {
    case 'undefined':
      return MISSING;
    case 'number':
      return Number.isNaN(v) ? OTHER : NUM;
    case 'string':
      return STR;
    case 'boolean':
      return BOOL;
    case 'object':
      if (v === null) return OTHER;
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? OTHER : DATE;
      return (v as { _bsontype?: string })._bsontype === 'ObjectId' ? OID : OTHER;
    default:
      return OTHER;
  }
}

/** A comparable/hashable primitive for a value of a decided kind. */
function keyOf(kind: number, v: unknown): number | string | boolean {
  if (kind === DATE) return (v as Date).getTime();
  if (kind === OID) return (v as ObjectId).toHexString();
  return v as number | string | boolean;
}

type RangeOp = '$lt' | '$lte' | '$gt' | '$gte';

interface FieldTest {
  field: string;
  /** Equality sets by kind ($eq and $in; several are intersected by requiring each). */
  sets: Array<Map<number, Set<number | string | boolean>>>;
  ranges: Array<{ op: RangeOp; kind: number; key: number | string | boolean }>;
  /** $ne operands: a scalar field matches unless it is of the same kind and equal. */
  nes: Array<{ kind: number; key: number | string | boolean }>;
}

/** Verdict for one document: true/false, or undefined when mingo must decide. */
type FastTest = (doc: Document) => boolean | undefined;

function scalarOperand(v: unknown): number {
  const k = kindOf(v);
  return k === MISSING ? OTHER : k;
}

function compileField(field: string, cond: unknown): FieldTest | null {
  if (field.length === 0 || field.startsWith('$') || field.includes('.')) return null;
  const t: FieldTest = { field, sets: [], ranges: [], nes: [] };
  const addSet = (vals: readonly unknown[]): boolean => {
    const byKind = new Map<number, Set<number | string | boolean>>();
    for (const v of vals) {
      const k = scalarOperand(v);
      if (k === OTHER) return false;
      let s = byKind.get(k);
      if (!s) byKind.set(k, (s = new Set()));
      s.add(keyOf(k, v));
    }
    t.sets.push(byKind);
    return true;
  };
  if (!isOperatorObject(cond)) return addSet([cond]) ? t : null;
  for (const [op, arg] of Object.entries(cond)) {
    switch (op) {
      case '$eq':
        if (!addSet([arg])) return null;
        break;
      case '$in':
        if (!Array.isArray(arg) || !addSet(arg)) return null;
        break;
      case '$ne': {
        // Not null: `$ne: null` also excludes absent fields, which mingo decides.
        const k = scalarOperand(arg);
        if (k === OTHER) return null;
        t.nes.push({ kind: k, key: keyOf(k, arg) });
        break;
      }
      case '$lt':
      case '$lte':
      case '$gt':
      case '$gte': {
        const k = scalarOperand(arg);
        if (k === OTHER) return null;
        t.ranges.push({ op, kind: k, key: keyOf(k, arg) });
        break;
      }
      default:
        return null;
    }
  }
  return t;
}

function fieldVerdict(t: FieldTest, doc: Document): boolean | undefined {
  const v: unknown = doc[t.field];
  const k = kindOf(v);
  if (k === OTHER) return undefined;
  // No operand is null, so an absent field matches no equality or range, and every $ne.
  if (k === MISSING) return t.sets.length === 0 && t.ranges.length === 0;
  const key = keyOf(k, v);
  for (const ne of t.nes) if (ne.kind === k && ne.key === key) return false;
  for (const byKind of t.sets) {
    const s = byKind.get(k);
    if (!s || !s.has(key)) return false;
  }
  for (const r of t.ranges) {
    if (r.kind !== k) return undefined; // cross-type range: MongoDB's type bracketing, let mingo say
    const c = key < r.key ? -1 : key > r.key ? 1 : 0;
    const ok = r.op === '$lt' ? c < 0 : r.op === '$lte' ? c <= 0 : r.op === '$gt' ? c > 0 : c >= 0;
    if (!ok) return false;
  }
  return true;
}

/** Branches of a `$and` / `$or` decided here at most (the feed's cursor has two of each). */
const MAX_BRANCHES = 16;

/**
 * `$and` / `$or` over sub-filters each inside the fast path (the page cursor's
 * `$and: [{ createdAt: { $lte } }, { $or: [{ createdAt: { $lt } }, { createdAt, _id: { $lt } }] }]`),
 * decided three-valued: a branch mingo must decide leaves the whole undecided unless another
 * branch settles it (false for `$and`, true for `$or`).
 */
function compileLogical(op: '$and' | '$or', branches: unknown): FastTest | null {
  if (!Array.isArray(branches) || branches.length === 0 || branches.length > MAX_BRANCHES) return null;
  const tests: FastTest[] = [];
  for (const b of branches) {
    if (!isPlainObject(b)) return null;
    const t = compileFastTest(b);
    if (!t) return null;
    tests.push(t);
  }
  const settles = op === '$or'; // the verdict one branch settles the whole with
  return (doc) => {
    let unsure = false;
    for (const t of tests) {
      const r = t(doc);
      if (r === settles) return settles;
      if (r === undefined) unsure = true;
    }
    return unsure ? undefined : !settles;
  };
}

/** The fast test for a filter, or null when some part of it is outside the fast path. */
export function compileFastTest(filter: Document): FastTest | null {
  const tests: FieldTest[] = [];
  const logical: FastTest[] = [];
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' || field === '$or') {
      const t = compileLogical(field, cond);
      if (!t) return null;
      logical.push(t);
      continue;
    }
    const t = compileField(field, cond);
    if (!t) return null;
    tests.push(t);
  }
  if (tests.length === 0 && logical.length === 0) return null;
  return (doc) => {
    let unsure = false;
    for (const t of tests) {
      const r = fieldVerdict(t, doc);
      if (r === false) return false;
      if (r === undefined) unsure = true;
    }
    for (const t of logical) {
      const r = t(doc);
      if (r === false) return false;
      if (r === undefined) unsure = true;
    }
    return unsure ? undefined : true;
  };
}

/**
 * compileFilter with the fast path in front: same result for every document, mingo compiled
 * only if some document needs it.
 */
export function compileMatcher(filter: Document | undefined): Matcher | null {
  if (!isPlainObject(filter)) return compileFilter(filter);
  const fast = compileFastTest(filter);
  if (!fast) return compileFilter(filter);
  let slow: Matcher | null | undefined;
  return (doc) => {
    const r = fast(doc);
    if (r !== undefined) return r;
    slow ??= compileFilter(filter);
    return slow ? slow(doc) : true;
  };
}
