/**
 * The catalog of databases and collections, loading from and committing to persistence,
 * and the TTL monitor.
 */
import type { Document } from 'bson';
import { Collection, type WriteOp } from './collection.js';
import { CursorManager } from './cursors.js';
import { DocArena } from './doc-arena.js';
import { ErrorCodes, MongoServerError } from './errors.js';
import { Persistence } from './persistence.js';
import type { DocEntry, IndexSpec } from './types.js';

export function validateCollectionName(db: string, name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.includes('\0') || name.startsWith('.') || name.includes('$')) {
    throw new MongoServerError(ErrorCodes.InvalidNamespace, `Invalid namespace specified '${db}.${String(name)}'`);
  }
  return name;
}

export class Engine {
  private readonly dbs = new Map<string, Map<string, Collection>>();
  readonly cursors = new CursorManager();
  /** The bytes of every stored document, in slabs the store owns (see doc-arena.ts). */
  readonly arena = new DocArena();
  private ttlTimer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(private readonly persistence: Persistence) {}

  static open(dir: string, ttlSweepMs = 2000): Engine {
    const p = Persistence.open(dir);
    const eng = new Engine(p);
    const byNs = new Map<string, Collection>();
    p.loadAll(
      (ns, meta) => {
        const specs = Array.isArray(meta.indexes) ? (meta.indexes as IndexSpec[]) : [];
        const coll = new Collection(String(meta.db), String(meta.name), eng.arena, (meta.options as Document | undefined) ?? {}, specs);
        eng.dbMap(coll.db, true).set(coll.name, coll);
        byNs.set(ns, coll);
      },
      (ns, raw) => byNs.get(ns)?.load(raw),
    );
    eng.ttlTimer = setInterval(() => void eng.sweepTtl(), ttlSweepMs);
    eng.ttlTimer.unref();
    return eng;
  }

  private dbMap(db: string, create: boolean): Map<string, Collection> {
    let m = this.dbs.get(db);
    if (!m && create) {
      m = new Map();
      this.dbs.set(db, m);
    }
    return m ?? new Map<string, Collection>();
  }

  databases(): string[] {
    return [...this.dbs.entries()].filter(([, m]) => m.size > 0).map(([d]) => d);
  }

  collections(db: string): Collection[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  get(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** Returns the collection, creating it (and queueing its metadata write) if needed. */
  ensure(db: string, name: string, ops: WriteOp[], options: Document = {}): Collection {
    let c = this.get(db, name);
    if (!c) {
      validateCollectionName(db, name);
      c = new Collection(db, name, this.arena, options);
      this.dbMap(db, true).set(name, c);
      ops.push({ type: 'meta', ns: c.ns, value: c.metaBytes() });
    }
    return c;
  }

  drop(db: string, name: string, ops: WriteOp[]): boolean {
    const c = this.get(db, name);
    if (!c) return false;
    for (const e of c.docs.values()) ops.push({ type: 'del', ns: c.ns, key: e.key });
    ops.push({ type: 'meta', ns: c.ns, value: null });
    c.releaseAll();
    this.dbs.get(db)!.delete(name);
    return true;
  }

  dropDatabase(db: string, ops: WriteOp[]): void {
    for (const c of this.collections(db)) this.drop(db, c.name, ops);
    this.dbs.delete(db);
  }

  rename(from: Collection, toDb: string, toName: string, ops: WriteOp[]): void {
    const target = new Collection(
      toDb,
      toName,
      this.arena,
      from.options,
      [...from.indexes.values()].map((i) => i.spec),
    );
    const entries = [...from.docs.values()];
    this.drop(from.db, from.name, ops);
    ops.push({ type: 'meta', ns: target.ns, value: target.metaBytes() });
    for (const e of entries) target.insert({ bytes: e.raw, doc: e.doc }, ops);
    this.dbMap(toDb, true).set(toName, target);
  }

  /** Persists `ops`; `durable: false` resolves before they are on disk (Persistence.commit). */
  async commit(ops: WriteOp[], durable = true): Promise<void> {
    const done = this.persistence.commit(ops, durable);
    if (this.arena.needsCompaction()) this.compact();
    await done;
  }

  /** Copies every live document into fresh slabs, releasing the holes updates and deletes left. */
  compact(): void {
    const dbs = this.dbs;
    this.arena.compact(
      (function* () {
        for (const m of dbs.values()) for (const c of m.values()) yield* c.docs.values();
      })(),
    );
  }

  /** Deletes documents whose TTL-indexed date is older than expireAfterSeconds. */
  async sweepTtl(now = Date.now()): Promise<number> {
    if (this.closed) return 0;
    const ops: WriteOp[] = [];
    let removed = 0;
    for (const m of this.dbs.values()) {
      for (const c of m.values()) {
        for (const ix of c.indexes.values()) {
          const secs = ix.spec.expireAfterSeconds;
          if (typeof secs !== 'number' || ix.fields.length !== 1) continue;
          const cutoff = new Date(now - secs * 1000);
          const victims = new Map<string, DocEntry>();
          const range = { lo: new Date(-8.64e15), loIncl: true, hi: cutoff, hiIncl: false };
          for (const x of ix.scan({ eq: [], range }, ix.dirs[0]! < 0)) victims.set(x[0].key, x[0]);
          for (const e of victims.values()) {
            c.delete(e, ops);
            removed++;
          }
        }
      }
    }
    if (ops.length > 0) await this.commit(ops);
    return removed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ttlTimer) clearInterval(this.ttlTimer);
    this.cursors.close();
    await this.persistence.close();
  }
}
