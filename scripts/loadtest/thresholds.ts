/** Judges a run against its `--threshold`s (threshold-parse.ts): listed in the report, a breach exits 1. */
import type { LoadTestSummary } from './summary.js';
import { thresholdOps, type Threshold, type ThresholdFigure, type ThresholdResult } from './threshold-parse.js';

const figures: Readonly<Record<ThresholdFigure, (s: LoadTestSummary) => number | null>> = {
  p50: (s) => s.latencyMs.p50,
  p95: (s) => s.latencyMs.p95,
  p99: (s) => s.latencyMs.p99,
  max: (s) => s.latencyMs.max,
  'send-p99': (s) => s.fromSendLatencyMs.p99,
  'fanout-p99': (s) => s.fanoutMs.p99,
  missing: (s) => s.missing,
  duplicates: (s) => s.duplicates,
  unexpected: (s) => s.unexpected,
  'connect-failures': (s) => s.connectFailures,
  'http-errors': (s) => Object.values(s.httpErrors).reduce((a, b) => a + b, 0),
  'deliveries-per-sec': (s) => s.deliveriesPerSec,
  'connects-per-sec': (s) => s.connectsPerSec,
  'loop-p99': (s) => s.hubEventLoop.p99MaxMs,
  'cpu-per-k-delivery': (s) => s.hubCpuMsPerKDelivery,
};

export function evaluateThresholds(thresholds: readonly Threshold[], summary: LoadTestSummary): ThresholdResult[] {
  return thresholds.map((t) => {
    const actual = figures[t.figure](summary);
    return { ...t, actual, ok: actual !== null && Number.isFinite(actual) && thresholdOps[t.op](actual, t.limit) };
  });
}
