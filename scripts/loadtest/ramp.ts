/**
 * Ramped connects: `--ramp 60` spreads every connect over 60 s; `--ramp 500:30s,2000:60s` is phases in
 * k6's spirit — reach 500 connected users linearly over 30 s, then 2 000 over the next 60 s (a phase
 * whose target does not rise holds for its duration). Users beyond the last target connect at once
 * after it.
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
  return text.split(',').map((part) => {
    const m = phasePattern.exec(part.trim());
    if (!m) throw new UsageError(`--ramp must be seconds or users:duration,… (e.g. 500:30s,2000:60s), not "${text}"`);
    return { users: Number(m[1]), ms: Number(m[2]) * unitMs[(m[3] ?? 's') as keyof typeof unitMs] };
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
