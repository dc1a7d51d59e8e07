/**
 * Server-side cursors: a materialized result (raw BSON documents, or documents that still need
 * encoding after a projection/aggregation) served in batches through getMore.
 */
import { serialize, type Document } from 'bson';

export type ResultItem = Uint8Array | Document;

/** Max bytes of documents per batch (MongoDB caps replies at 16 MiB). */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

export function encodeItem(item: ResultItem): Uint8Array {
  return item instanceof Uint8Array ? item : serialize(item);
}

export class ServerCursor {
  pos = 0;
  lastUsed = Date.now();
  constructor(
    readonly id: bigint,
    readonly ns: string,
    private readonly items: ResultItem[],
  ) {}

  get exhausted(): boolean {
    return this.pos >= this.items.length;
  }

  /** Takes up to `max` documents (0 = no count limit) within the byte budget. */
  nextBatch(max: number): Uint8Array[] {
    this.lastUsed = Date.now();
    return takeBatch(this.items, this, max);
  }
}

export function takeBatch(items: ResultItem[], state: { pos: number }, max: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let bytes = 0;
  while (state.pos < items.length && (max <= 0 || out.length < max)) {
    const b = encodeItem(items[state.pos]!);
    if (out.length > 0 && bytes + b.length > MAX_BATCH_BYTES) break;
    out.push(b);
    bytes += b.length;
    state.pos++;
  }
  return out;
}

export class CursorManager {
  private readonly cursors = new Map<bigint, ServerCursor>();
  private nextId = BigInt(Math.floor(Math.random() * 1e9)) * 1000n + 1n;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.reap(), 60_000);
    this.timer.unref();
  }

  /** Registers the remainder of a result (after its first batch was taken). */
  open(ns: string, items: ResultItem[], pos: number): bigint {
    const c = new ServerCursor(this.nextId++, ns, items);
    c.pos = pos;
    this.cursors.set(c.id, c);
    return c.id;
  }

  get(id: bigint): ServerCursor | undefined {
    return this.cursors.get(id);
  }

  kill(id: bigint): boolean {
    return this.cursors.delete(id);
  }

  get size(): number {
    return this.cursors.size;
  }

  private reap(): void {
    const now = Date.now();
    for (const [id, c] of this.cursors) if (now - c.lastUsed > IDLE_TIMEOUT_MS) this.cursors.delete(id);
  }

  close(): void {
    clearInterval(this.timer);
    this.cursors.clear();
  }
}
