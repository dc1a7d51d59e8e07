import { deserialize, type Document } from 'bson';
import type { DocArena } from './doc-arena.js';

/**
 * One stored document: its exact BSON bytes, kept in the engine's arena. The deserialized view
 * used for matching is built on demand and not kept: holding it for every document cost ~500 B
 * of heap each. Read `doc` once per use.
 */
export class DocEntry {
  /** Where the bytes are (moved by compaction). */
  private slab: Buffer;
  private off: number;

  constructor(
    /** Canonical string form of _id (see idKey). */
    readonly key: string,
    readonly id: unknown,
    bytes: Uint8Array,
    arena: DocArena,
  ) {
    const p = arena.store(bytes);
    this.slab = p.slab;
    this.off = p.off;
    this.len = bytes.length;
  }

  /** Byte length of the stored version. */
  len: number;

  /** The stored bytes (a view: do not keep it longer than the reply that sends it). */
  get raw(): Buffer {
    return this.slab.subarray(this.off, this.off + this.len);
  }

  /** A fresh deserialized copy (numbers and safe Longs promoted), for matching and projection. */
  get doc(): Document {
    return deserialize(this.slab, { index: this.off, allowObjectSmallerThanBufferSize: true });
  }

  /**
   * Holds `bytes` (copied into `arena`) as the document's new version, in place of the old one,
   * whose bytes stay where they were for views already taken (replies, cursors, pending commits).
   * Only for a version with the same index keys (Collection.rewrite): the indexes keep this entry.
   */
  rebind(bytes: Uint8Array, arena: DocArena): void {
    const p = arena.store(bytes);
    this.slab = p.slab;
    this.off = p.off;
    this.len = bytes.length;
  }

  /** Copies the bytes into `arena` (compaction). */
  moveTo(arena: DocArena): void {
    const p = arena.store(this.raw);
    this.slab = p.slab;
    this.off = p.off;
  }
}

export interface IndexSpec {
  v?: number;
  key: Record<string, number>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  expireAfterSeconds?: number;
  partialFilterExpression?: Document;
}

export type SortSpec = Array<[field: string, dir: 1 | -1]>;
