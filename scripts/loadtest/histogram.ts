/**
 * A mergeable latency histogram with ~1% relative precision: 10 µs steps below 1 ms, then
 * log-spaced buckets up to 60 s. Workers ship plain arrays of counts; the main thread adds them.
 */

const linearBuckets = 100; // 0–1 ms in 10 µs steps
const growth = 1.01;
const maxMs = 60_000;
const logBuckets = Math.ceil(Math.log(maxMs) / Math.log(growth)) + 1;
export const bucketCount = linearBuckets + logBuckets;

function bucketOf(ms: number): number {
  if (!(ms > 0)) return 0;
  if (ms < 1) return Math.floor(ms * 100);
  const i = linearBuckets + Math.floor(Math.log(Math.min(ms, maxMs)) / Math.log(growth));
  return Math.min(i, bucketCount - 1);
}

/** The upper edge of a bucket, in ms: what a percentile reports. */
function bucketValue(i: number): number {
  if (i < linearBuckets) return (i + 1) / 100;
  return growth ** (i - linearBuckets + 1);
}

export class Histogram {
  readonly counts: Uint32Array;
  count = 0;
  max = 0;
  sum = 0;

  constructor(counts?: ArrayLike<number>) {
    this.counts = new Uint32Array(bucketCount);
    if (counts) this.add({ counts, count: 0, max: 0, sum: 0 });
  }

  record(ms: number): void {
    const v = ms < 0 ? 0 : ms;
    this.counts[bucketOf(v)]! += 1;
    this.count += 1;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  /** Adds another histogram (or its shipped snapshot). */
  add(other: HistogramSnapshot | Histogram): void {
    const src = other.counts;
    let n = 0;
    for (let i = 0; i < bucketCount; i++) {
      const c = src[i] ?? 0;
      if (c) {
        this.counts[i]! += c;
        n += c;
      }
    }
    this.count += other.count || n;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
  }

  /** The value at quantile q (0–1), in ms; 0 when empty. Never above the recorded max. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < bucketCount; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(bucketValue(i), this.max);
    }
    return this.max;
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      p50: round(this.quantile(0.5)),
      p95: round(this.quantile(0.95)),
      p99: round(this.quantile(0.99)),
      max: round(this.max),
      mean: round(this.count ? this.sum / this.count : 0),
    };
  }

  /** A compact, structured-clone-friendly copy (only non-empty buckets). */
  snapshot(): HistogramSnapshot {
    const counts: Record<number, number> = {};
    for (let i = 0; i < bucketCount; i++) if (this.counts[i]) counts[i] = this.counts[i]!;
    return { counts, count: this.count, max: this.max, sum: this.sum };
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.max = 0;
    this.sum = 0;
  }
}

export interface HistogramSnapshot {
  readonly counts: ArrayLike<number> | Record<number, number>;
  readonly count: number;
  readonly max: number;
  readonly sum: number;
}

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
