/**
 * Where stored documents' bytes live. Small `Buffer.from` copies come from Node's shared 8 KB
 * pool, and one long-lived document pins its whole pool block (the soak measured 3.4–4.9 KB of
 * external memory per ~200 B document). Documents are instead copied into slabs the store owns,
 * back to back; a document is then a (slab, offset, length) triple with no Buffer object of its
 * own. Replaced and deleted documents leave holes: once the holes exceed half the live bytes
 * (and 8 MiB), the engine compacts, copying every live document into fresh slabs (amortised
 * O(1) per freed byte; old slabs are released when no cursor still reads from them).
 */
const SLAB_SIZE = 256 * 1024;
/** Documents at least this large get an exact-size allocation of their own. */
const OWN_ALLOCATION = 16 * 1024;
const MIN_GARBAGE_TO_COMPACT = 8 * 1024 * 1024;

export interface Placement {
  slab: Buffer;
  off: number;
}

export class DocArena {
  private slab: Buffer = Buffer.allocUnsafeSlow(SLAB_SIZE);
  private used = 0;
  /** Bytes of slabs and own allocations taken (including holes and unused slab tails). */
  allocated = SLAB_SIZE;
  /** Bytes of documents currently stored. */
  live = 0;

  /** Copies `src` into the arena. */
  store(src: Uint8Array): Placement {
    const n = src.length;
    this.live += n;
    if (n >= OWN_ALLOCATION) {
      const own = Buffer.allocUnsafeSlow(n);
      own.set(src);
      this.allocated += n;
      return { slab: own, off: 0 };
    }
    if (this.used + n > SLAB_SIZE) {
      this.slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
      this.used = 0;
      this.allocated += SLAB_SIZE;
    }
    const off = this.used;
    this.slab.set(src, off);
    this.used += n;
    return { slab: this.slab, off };
  }

  /** A stored document of `n` bytes is no longer referenced by the store. */
  release(n: number): void {
    this.live -= n;
  }

  get garbage(): number {
    return this.allocated - this.live;
  }

  needsCompaction(): boolean {
    return this.garbage > Math.max(this.live / 2, MIN_GARBAGE_TO_COMPACT);
  }

  /** Copies every live document (all of them must be passed) into fresh slabs. */
  compact(entries: Iterable<{ moveTo(arena: DocArena): void }>): void {
    this.slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
    this.used = 0;
    this.allocated = SLAB_SIZE;
    this.live = 0;
    for (const e of entries) e.moveTo(this);
  }
}
