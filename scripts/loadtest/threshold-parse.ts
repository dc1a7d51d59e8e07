/**
 * Pass/fail criteria in k6's spirit: `--threshold 'p99<50' --threshold 'missing=0'`. Each names a
 * figure of the summary, a comparison and a number; a breached one (or a figure the run could not
 * measure) makes the load tester exit 1, so a CI job can gate on it. Parsing here; judging a run in
 * thresholds.ts.
 */
import { UsageError } from '../cli-args.js';

/** The figures a threshold may name (latencies in ms: post → friend, from the post's 201). */
export const thresholdFigureNames = [
  'p50',
  'p95',
  'p99',
  'max',
  'send-p99',
  'fanout-p99',
  'missing',
  'duplicates',
  'unexpected',
  'connect-failures',
  'http-errors',
  'deliveries-per-sec',
  'connects-per-sec',
  'loop-p99',
  'cpu-per-k-delivery',
] as const;
export type ThresholdFigure = (typeof thresholdFigureNames)[number];

export const thresholdOps = {
  '<': (a: number, b: number) => a < b,
  '<=': (a: number, b: number) => a <= b,
  '>': (a: number, b: number) => a > b,
  '>=': (a: number, b: number) => a >= b,
  '=': (a: number, b: number) => a === b,
  '==': (a: number, b: number) => a === b,
} as const;
type Op = keyof typeof thresholdOps;

export interface Threshold {
  readonly text: string;
  readonly figure: ThresholdFigure;
  readonly op: Op;
  readonly limit: number;
}

export interface ThresholdResult extends Threshold {
  /** null: the run could not measure it (counted as a breach). */
  readonly actual: number | null;
  readonly ok: boolean;
}

/** Parses one `--threshold`, e.g. `p99<50`, `missing=0`, `deliveries-per-sec>=1000`. */
export function parseThreshold(text: string): Threshold {
  const m = /^\s*([a-z0-9-]+)\s*(<=|>=|==|<|>|=)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) throw new UsageError(`--threshold must be like p99<50 or missing=0, not "${text}"`);
  const figure = m[1]!;
  if (!(thresholdFigureNames as readonly string[]).includes(figure)) {
    throw new UsageError(`--threshold names no figure "${figure}" (one of ${thresholdFigureNames.join(', ')})`);
  }
  return { text: text.trim(), figure: figure as ThresholdFigure, op: m[2] as Op, limit: Number(m[3]) };
}
