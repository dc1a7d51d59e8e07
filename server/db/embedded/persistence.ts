/**
 * Durable storage on lmdb. Documents are stored as their exact BSON bytes under the key
 * [namespace, canonical _id]; collection metadata (options + index specs) as BSON under the
 * namespace. Every command's writes go into one lmdb transaction, shared with the other commands
 * queued meanwhile (group commit), and the command is acknowledged only after it commits — unless
 * it asked for `writeConcern: { j: false }` (see `commit`).
 */
import { open, type Database, type RootDatabase } from 'lmdb';
import { deserialize, type Document } from 'bson';
import type { WriteOp } from './collection.js';

type DocKey = [string, string];

/** Address space reserved for data.mdb: 64 GiB, past which lmdb-js still grows the map itself. */
export const MAP_BYTES = 2 ** 36;

/**
 * How long ops acknowledged without waiting (`j: false`) may wait for a transaction when no durable
 * command comes to carry them: MongoDB's default journal commit interval.
 */
export const LAZY_COMMIT_MS = 100;

export interface LoadedCollection {
  db: string;
  name: string;
  meta: Document;
  docs: Buffer[];
}

export class Persistence {
  private constructor(
    private readonly root: RootDatabase,
    private readonly docs: Database<Buffer, DocKey>,
    private readonly meta: Database<Buffer, string>,
  ) {}

  static open(dir: string): Persistence {
    // noSubdir: false — lmdb otherwise takes a directory whose name has a dot (mktemp -d's
    // `tmp.XXXX`) for a file name and fails to open it.
    // mapSize: lmdb-js otherwise starts with a 128 KB map and remaps as the file grows, keeping
    // each earlier mapping of data.mdb alive (a 173 MB file was mapped 10 times, 337 MB resident).
    // One large map reserves address space only: the file still grows with the data, and pages
    // are resident only where they are read or written.
    const root = open({ path: dir, noSubdir: false, maxDbs: 4, encoding: 'binary', mapSize: MAP_BYTES });
    const docs = root.openDB<Buffer, DocKey>({ name: 'docs', encoding: 'binary' });
    const meta = root.openDB<Buffer, string>({ name: 'meta', encoding: 'binary' });
    return new Persistence(root, docs, meta);
  }

  /**
   * Everything that was committed: each collection's metadata, then every document. `onDoc`
   * gets lmdb's buffer, valid only during the call (the caller copies what it keeps).
   */
  loadAll(onCollection: (ns: string, meta: Document) => void, onDoc: (ns: string, raw: Uint8Array) => void): void {
    const known = new Set<string>();
    for (const { key, value } of this.meta.getRange({})) {
      onCollection(key, deserialize(value));
      known.add(key);
    }
    for (const { key, value } of this.docs.getRange({})) {
      const ns = key[0];
      if (!known.has(ns)) {
        // Documents without metadata (should not happen): keep them under a default catalog entry.
        const dot = ns.indexOf('.');
        onCollection(ns, { db: ns.slice(0, dot), name: ns.slice(dot + 1) });
        known.add(ns);
      }
      onDoc(ns, value);
    }
  }

  /** Commands whose ops wait for the next transaction, and the promise they all resolve with. */
  private queued: Array<readonly WriteOp[]> = [];
  private queuedDone: Promise<void> | undefined;
  private inflight: Promise<void> | undefined;
  /** Set while queued ops acknowledged without waiting have no transaction coming for them. */
  private lazyTimer: NodeJS.Timeout | undefined;

  /**
   * Applies the ops atomically; resolves once the transaction holding them is committed to disk.
   * Group commit: while one transaction is being written, every command that arrives queues its
   * ops; they all go into the next single transaction, and each caller is acknowledged only after
   * that commit. A command's ops are never split across transactions.
   *
   * `durable: false` (a command's `writeConcern: { j: false }`, as MongoDB journals such writes
   * lazily) queues the ops the same way but resolves at once: they go into the next transaction any
   * command makes, or one of their own within LAZY_COMMIT_MS. Transactions are written in the order
   * their ops were queued, so a durable command acknowledged later makes them durable too: a record
   * written this way before a durable write (an idempotency claim before the post it guards) is on
   * disk whenever that write is. At sparse rates this saves a transaction (and its wait) per such
   * write.
   */
  commit(ops: readonly WriteOp[], durable = true): Promise<void> {
    if (ops.length === 0) return Promise.resolve();
    this.queued.push(ops);
    if (durable) return this.scheduled();
    if (!this.lazyTimer && !this.queuedDone) {
      this.lazyTimer = setTimeout(() => {
        this.lazyTimer = undefined;
        // Nobody waits on this one; a failure also fails the durable commands sharing it, which report it.
        this.scheduled().catch(() => undefined);
      }, LAZY_COMMIT_MS);
      this.lazyTimer.unref();
    }
    return Promise.resolve();
  }

  /** The next transaction: it takes everything queued when it starts. */
  private scheduled(): Promise<void> {
    this.queuedDone ??= (async () => {
      // Let every command of this event-loop turn (and those arriving during the commit ahead) join.
      if (this.inflight) await this.inflight.catch(() => undefined);
      else await new Promise<void>((r) => setImmediate(r));
      const batch = this.queued;
      this.queued = [];
      this.queuedDone = undefined;
      // The lazy ops queued so far ride in this transaction; later ones arm their own timer.
      clearTimeout(this.lazyTimer);
      this.lazyTimer = undefined;
      if (batch.length === 0) return;
      const run = this.write(batch);
      this.inflight = run;
      try {
        await run;
      } finally {
        if (this.inflight === run) this.inflight = undefined;
      }
    })();
    return this.queuedDone;
  }

  private async write(batch: ReadonlyArray<readonly WriteOp[]>): Promise<void> {
    await this.root.transaction(() => {
      for (const ops of batch) {
        for (const op of ops) {
          if (op.type === 'put') void this.docs.put([op.ns, op.key], op.raw);
          else if (op.type === 'del') void this.docs.remove([op.ns, op.key]);
          else if (op.value) void this.meta.put(op.ns, op.value);
          else void this.meta.remove(op.ns);
        }
      }
    });
  }

  async close(): Promise<void> {
    // Ops acknowledged without waiting are written before the store closes.
    if (this.queued.length > 0) await this.scheduled().catch(() => undefined);
    while (this.queuedDone || this.inflight) await (this.queuedDone ?? this.inflight)!.catch(() => undefined);
    await this.root.flushed;
    await this.root.close();
  }
}
