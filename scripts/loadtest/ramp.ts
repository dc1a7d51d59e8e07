/**
 * Ramped connects: `--ramp 60` spreads every connect over 60 s; `--ramp 500:30s,2000:60s` is stages in
 * k6's spirit — reach 500 connected users linearly over 30 s, then 2 000 over the next 60 s (a stage
 * whose target stays the same holds for its duration: `0:10s,…` waits 10 s first). Targets never fall
 * (sockets are not closed mid-run). Users beyond the last target connect at once after it; the load
 * (`--duration`) starts once every user has connected. The report lists each stage with the users
 * connected by its end (`rampStageResults`).
 */
import { UsageError } from '../cli-args.js';

export interface RampPhase {
  /** Connected users to reach by the end of the phase. */
  readonly users: number;
  readonly ms: number;
}

const phasePattern = /^(\d+):(\d+(?:\.\d+)?)(ms|s|m)?$/;
const unitMs = { ms: 1, s: 1000, m: 60_000 } as const;

/** Parses `--ramp`: seconds (one phase to every user) or `users:duration,…` (duration in ms, s or m; s by default). */
export function parseRamp(text: string, users: number): RampPhase[] {
  if (/^\d+(\.\d+)?$/.test(text.trim())) {
    const seconds = Number(text);
    return seconds > 0 ? [{ users, ms: seconds * 1000 }] : [];
  }
  const phases = text.split(',').map((part) => {
    const m = phasePattern.exec(part.trim());
    if (!m) throw new UsageError(`--ramp must be seconds or users:duration,… (e.g. 500:30s,2000:60s), not "${text}"`);
    return { users: Number(m[1]), ms: Number(m[2]) * unitMs[(m[3] ?? 's') as keyof typeof unitMs] };
  });
  phases.forEach((p, i) => {
    const before = phases[i - 1];
    if (before && p.users < before.users)
      throw new UsageError(`--ramp targets may not fall (sockets stay connected for the load): ${before.users} then ${p.users}`);
  });
  return phases;
}

/** A stage as the report shows it: its target, when it ends, and how many users had connected by then. */
export interface RampStageResult extends RampPhase {
  /** Seconds from the start of connecting to the stage's end. */
  readonly endsAtSeconds: number;
  /** Sockets connected by the stage's end (over every worker). */
  readonly connected: number;
}

/** Per stage, how many of `connectedAt` (shared-clock times; 0: never connected) fall by its end, counted from `start`. */
export function connectedByStageEnd(phases: readonly RampPhase[], start: number, connectedAt: ArrayLike<number>): number[] {
  let end = start;
  return phases.map((phase) => {
    end += phase.ms;
    let count = 0;
    for (let i = 0; i < connectedAt.length; i++) if (connectedAt[i]! > 0 && connectedAt[i]! <= end) count++;
    return count;
  });
}

/** The stages with the users each worker saw connected by their ends, summed. */
export function rampStageResults(phases: readonly RampPhase[], perWorker: ReadonlyArray<readonly number[]>): RampStageResult[] {
  let endMs = 0;
  return phases.map((phase, i) => {
    endMs += phase.ms;
    const connected = perWorker.reduce((s, counts) => s + (counts[i] ?? 0), 0);
    return { ...phase, endsAtSeconds: endMs / 1000, connected };
  });
}

/** When (ms after the start) the user at `rank` (0-based, of `total`) connects under `phases`. */
export function connectDueMs(rank: number, total: number, phases: readonly RampPhase[]): number {
  let start = 0;
  let reached = 0;
  for (const phase of phases) {
    const target = Math.min(phase.users, total);
    if (rank < target && target > reached) return start + ((rank - reached) / (target - reached)) * phase.ms;
    reached = Math.max(reached, target);
    start += phase.ms;
  }
  return start;
}
