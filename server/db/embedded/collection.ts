/**
 * One collection in memory: documents by _id, secondary indexes, and the write operations that
 * must be persisted for each change. All mutation is synchronous; the caller commits the
 * collected WriteOps to lmdb in one transaction before acknowledging the command.
 */
import { deserialize, ObjectId, serialize, type Document } from 'bson';
import { DateKey, idKey, isPlainObject } from './bson-values.js';
import { ErrorCodes, MongoServerError } from './errors.js';
import { Index } from './indexes.js';
import { compileMatcher } from './fast-filter.js';
import { compileFilter } from './matcher.js';
import { planQuery, sortEntries, type PlanInfo } from './query-planner.js';
import { prependObjectId } from './raw-bson.js';
import { DocEntry, type IndexSpec, type SortSpec } from './types.js';
import type { DocArena } from './doc-arena.js';

export const MAX_BSON_SIZE = 16 * 1024 * 1024;

export type WriteOp =
  | { type: 'put'; ns: string; key: string; raw: Buffer }
  | { type: 'del'; ns: string; key: string }
  | { type: 'meta'; ns: string; value: Buffer | null };

/** Matching view of a stored document: numbers (and safe Longs) promoted for mingo. */
export function decodeDoc(raw: Uint8Array): Document {
  return deserialize(raw);
}

/** Working copy for updates: keeps Long values as Long so they survive re-serialization. */
export function decodeForUpdate(raw: Uint8Array): Document {
  return deserialize(raw, { promoteLongs: false });
}

export function tooLarge(size: number): MongoServerError {
  return new MongoServerError(
    ErrorCodes.BSONObjectTooLarge,
    `BSONObj size: ${size} (0x${size.toString(16).toUpperCase()}) is invalid. Size must be between 0 and 16793600(16MB)`,
  );
}

/** MongoDB refuses an array `_id` and `$`-prefixed field names anywhere inside an `_id` document. */
function checkId(id: unknown): void {
  if (Array.isArray(id)) throw new MongoServerError(ErrorCodes.BadValue, `The '_id' value cannot be of type array`);
  if (!isPlainObject(id)) return;
  for (const [k, v] of Object.entries(id)) {
    if (k.startsWith('$'))
      throw new MongoServerError(
        ErrorCodes.DollarPrefixedFieldName,
        `_id fields may not contain '$'-prefixed fields: ${k} is not valid for storage.`,
      );
    checkId(v);
  }
}

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  /** `let` variables for `$$name` in `$expr`. */
  variables?: Document;
}

export class Collection {
  readonly docs = new Map<string, DocEntry>();
  readonly indexes = new Map<string, Index>();
  options: Document;

  constructor(
    readonly db: string,
    readonly name: string,
    /** Holds the documents' bytes (shared by every collection of the engine). */
    readonly arena: DocArena,
    options: Document = {},
    specs: IndexSpec[] = [],
  ) {
    this.options = options;
    this.indexes.set('_id_', new Index({ v: 2, key: { _id: 1 }, name: '_id_', unique: true }));
    for (const s of specs) if (s.name !== '_id_') this.indexes.set(s.name, new Index(s));
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  metaBytes(): Buffer {
    const specs = [...this.indexes.values()].map((i) => i.spec);
    return Buffer.from(serialize({ db: this.db, name: this.name, options: this.options, indexes: specs }));
  }

  /**
   * Checks client bytes (adding an ObjectId _id first when missing) and returns them with
   * their decoded form, for `insert`. Nothing is stored yet.
   */
  prepareRaw(raw: Uint8Array): { bytes: Uint8Array; doc: Document } {
    let doc = decodeDoc(raw);
    let bytes = raw;
    if (doc._id === undefined) {
      const oid = new ObjectId();
      bytes = prependObjectId(raw, oid);
      doc = { _id: oid, ...doc };
    }
    if (bytes.length > MAX_BSON_SIZE) throw tooLarge(bytes.length);
    checkId(doc._id);
    return { bytes, doc };
  }

  /** Checks and encodes a document object (updates, upserts); nothing is stored yet. */
  prepareDoc(doc: Document): { bytes: Uint8Array; doc: Document } {
    if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
    else if (Object.keys(doc)[0] !== '_id') {
      const { _id, ...rest } = doc;
      doc = { _id: _id as unknown, ...rest };
    }
    checkId(doc._id);
    const bytes = serialize(doc);
    if (bytes.length > MAX_BSON_SIZE) throw tooLarge(bytes.length);
    // The matching view is what a stored document decodes to (e.g. an integral Double reads back as a number).
    return { bytes, doc: decodeDoc(bytes) };
  }

  /** Adds a document loaded from disk (no checks). */
  load(raw: Uint8Array): void {
    const doc = decodeDoc(raw);
    const e = new DocEntry(idKey(doc._id), doc._id, raw, this.arena);
    this.docs.set(e.key, e);
    for (const ix of this.indexes.values()) ix.add(e, ix.keysFor(doc));
  }

  /** Stores a prepared document (prepareRaw/prepareDoc) as a new one; throws E11000 leaving nothing behind. */
  insert(p: { bytes: Uint8Array; doc: Document }, ops: WriteOp[]): DocEntry {
    const keys = new Map<Index, unknown[][] | null>();
    for (const ix of this.indexes.values()) {
      const k = ix.keysFor(p.doc);
      keys.set(ix, k);
      ix.checkUnique(this.ns, k, null);
    }
    const e = new DocEntry(idKey(p.doc._id), p.doc._id, p.bytes, this.arena);
    this.docs.set(e.key, e);
    for (const [ix, k] of keys) ix.add(e, k);
    ops.push({ type: 'put', ns: this.ns, key: e.key, raw: e.raw });
    return e;
  }

  /** Replaces `old` by the prepared next version (same _id). */
  replace(old: DocEntry, p: { bytes: Uint8Array; doc: Document }, ops: WriteOp[]): DocEntry {
    const oldDoc = old.doc;
    // Same _id (checked by the caller): share the stored one rather than keep a second copy in the index.
    p.doc._id = old.id;
    const changes: Array<[Index, unknown[][] | null, unknown[][] | null, boolean]> = [];
    for (const ix of this.indexes.values()) {
      const before = ix.keysFor(oldDoc);
      const after = ix.keysFor(p.doc);
      const same = sameKeys(ix, before, after);
      if (!same) ix.checkUnique(this.ns, after, old.key);
      changes.push([ix, before, after, same]);
    }
    const next = new DocEntry(old.key, old.id, p.bytes, this.arena);
    this.arena.release(old.len);
    for (const [ix, before, after, same] of changes) {
      if (same) {
        if (after) ix.replaceSameKeys(old, next, after);
      } else {
        ix.remove(old, before);
        ix.add(next, after);
      }
    }
    this.docs.set(next.key, next);
    ops.push({ type: 'put', ns: this.ns, key: next.key, raw: next.raw });
    return next;
  }

  /**
   * Whether any index reads the top-level field `name` (or may: a partial index's filter), so that
   * changing it may change the document's index keys.
   */
  indexReads(name: string): boolean {
    for (const ix of this.indexes.values()) {
      if (ix.isPartial) return true;
      for (const p of ix.paths) if (p[0] === name) return true;
    }
    return false;
  }

  /**
   * Stores `bytes` as the new version of `e`, keeping `e` (and its place in every index): only for
   * a change of fields no index reads (raw-update.ts). Holders of `e` read the new version from now on.
   */
  rewrite(e: DocEntry, bytes: Uint8Array, ops: WriteOp[]): void {
    this.arena.release(e.len);
    e.rebind(bytes, this.arena);
    ops.push({ type: 'put', ns: this.ns, key: e.key, raw: e.raw });
  }

  delete(e: DocEntry, ops: WriteOp[]): void {
    if (!this.docs.delete(e.key)) return;
    this.arena.release(e.len);
    const doc = e.doc;
    for (const ix of this.indexes.values()) ix.remove(e, ix.keysFor(doc));
    ops.push({ type: 'del', ns: this.ns, key: e.key });
  }

  /** Forgets every document without persisting anything (drop: the caller deletes them on disk). */
  releaseAll(): void {
    for (const e of this.docs.values()) this.arena.release(e.len);
  }

  /** Runs a query: plan, re-check with mingo, sort, skip, limit. */
  find(filter: Document | undefined, opts: FindOptions = {}): { entries: DocEntry[]; plan: PlanInfo } {
    const sort = opts.sort ?? [];
    const skip = opts.skip ?? 0;
    const limit = opts.limit ?? 0;
    const src = planQuery(this, filter, sort);
    const match = src.exact ? null : opts.variables ? compileFilter(filter, opts.variables) : compileMatcher(filter);
    const seen = src.dedupe ? new Set<string>() : null;
    const out: DocEntry[] = [];
    if (src.info.sortedByIndex) {
      let toSkip = skip;
      for (const e of src.entries) {
        if (seen) {
          if (seen.has(e.key)) continue;
          seen.add(e.key);
        }
        if (match && !match(e.doc)) continue;
        if (toSkip > 0) {
          toSkip--;
          continue;
        }
        out.push(e);
        if (limit > 0 && out.length >= limit) break;
      }
      return { entries: out, plan: src.info };
    }
    for (const e of src.entries) {
      if (seen) {
        if (seen.has(e.key)) continue;
        seen.add(e.key);
      }
      if (match && !match(e.doc)) continue;
      out.push(e);
    }
    const sorted = sortEntries(out, sort);
    const end = limit > 0 ? skip + limit : undefined;
    return { entries: skip > 0 || end !== undefined ? sorted.slice(skip, end) : sorted, plan: src.info };
  }

  count(filter: Document | undefined): number {
    if (!filter || Object.keys(filter).length === 0) return this.docs.size;
    return this.find(filter).entries.length;
  }

  /** Creates an index over existing documents; throws (leaving nothing behind) on duplicates. */
  createIndex(spec: IndexSpec): Index {
    const ix = new Index(spec);
    for (const e of this.docs.values()) {
      const k = ix.keysFor(e.doc);
      ix.checkUnique(this.ns, k, e.key);
      ix.add(e, k);
    }
    this.indexes.set(spec.name, ix);
    return ix;
  }
}

function sameKeys(ix: Index, a: unknown[][] | null, b: unknown[][] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    for (let j = 0; j < ix.fields.length; j++) {
      if (x[j] !== y[j] && !strictSame(x[j], y[j])) return false;
    }
  }
  return true;
}

/** Equality that also distinguishes types (so an index entry's stored key is kept exact). */
function strictSame(a: unknown, b: unknown): boolean {
  if ((a instanceof Date || a instanceof DateKey) && (b instanceof Date || b instanceof DateKey)) return a.getTime() === b.getTime();
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ta = (a as { _bsontype?: string })._bsontype;
    if (ta && ta === (b as { _bsontype?: string })._bsontype) {
      if (ta === 'ObjectId') return (a as ObjectId).equals(b as ObjectId);
    }
    return false;
  }
  return false;
}
