/**
 * `--churn RATE` and `--soak` of the load tester, on tiny runs against a hub it starts: churned
 * sockets catch up on every notification of the run exactly once, and a soak reports its memory
 * over time and its latency drift. Also how the flags parse (the soak preset, overridable).
 */
import { describe, expect, it } from 'vitest';
import { formatSummary, runLoadTest } from '../../scripts/loadtest/index.js';
import { parseArgs } from '../../scripts/loadtest/options.js';
import { slopePerMinute, soakPreset, stallCauses } from '../../scripts/loadtest/soak.js';
import { UsageError } from '../../scripts/cli-args.js';

describe('npm run loadtest -- --churn / --soak', () => {
  it('parses --soak as the preset that other flags override, and --churn as a rate', () => {
    const soak = parseArgs(['--soak']);
    expect(soak).toMatchObject({ ...soakPreset, soak: true });
    expect(parseArgs(['--soak', '--duration', '90', '--users', '300'])).toMatchObject({
      duration: 90,
      users: 300,
      postRate: 50,
      soak: true,
    });
    expect(parseArgs(['--churn', '5'])).toMatchObject({ churn: 5 });
    expect(() => parseArgs(['--churn', '0'])).toThrow(UsageError);
    expect(() => parseArgs(['--churn', '2', '--idle'])).toThrow(UsageError);
  });

  it('tells a slow second by what the hub said of it: a GC pause, too little CPU, or its own work', () => {
    const second = (p99Ms: number, cpuMs: number, gcMaxMs: number, majorMs = 0) => ({
      type: 'stats' as const,
      at: 0,
      memory: process.memoryUsage(),
      eventLoop: { p50Ms: 1, p99Ms, maxMs: p99Ms },
      sockets: 1,
      cpuMs,
      gc: { pauses: 1, totalMs: gcMaxMs, maxMs: gcMaxMs, majorMs },
    });
    const causes = stallCauses([
      second(5, 300, 2),
      second(180, 900, 160, 160),
      second(250, 200, 3),
      second(140, 950, 4),
      second(400, 100, 80),
    ]);
    expect(causes).toEqual({ gc: 2, starved: 1, busy: 1, longestGcPauseMs: 160, majorGcMs: 160, gcMs: 249 });
  });

  it('fits a memory slope in MB per minute', () => {
    expect(
      slopePerMinute([
        [0, 100],
        [30, 101],
        [60, 102],
      ]),
    ).toBe(2);
    expect(
      slopePerMinute([
        [0, 100],
        [1, 100],
      ]),
    ).toBeNull();
  });

  it('reconnects sockets during the run, each catching up on every notification once, and sums up the soak', async () => {
    const summary = await runLoadTest({
      users: 20,
      friends: 4,
      postRate: 6,
      commentRate: 6,
      duration: 6,
      churn: 4,
      soak: true,
      hold: 3,
      drain: 2,
      workers: 1,
      sourceIps: 2,
      verbose: false,
    });
    expect(summary.missing).toBe(0);
    expect(summary.duplicates).toBe(0);
    const churn = summary.churn!;
    expect(churn.reconnects).toBeGreaterThan(5);
    expect(churn.reconnectErrors).toEqual({});
    expect(churn.reconnectFailures).toBe(0);
    // Comments notify the posts' authors, some of whom are churning.
    expect(churn.expected).toBeGreaterThan(0);
    expect(churn.live + churn.synced).toBeGreaterThanOrEqual(churn.expected);
    expect(churn.missing).toBe(0);
    expect(churn.duplicates).toBe(0);

    const soak = summary.soak!;
    expect(soak.windowSec).toBe(2);
    expect(soak.postP99Ms.first).toBeGreaterThan(0);
    expect(soak.postP99Ms.last).toBeGreaterThan(0);
    expect(soak.insertP99Ms.first).toBeGreaterThan(0);
    expect(soak.stallSeconds).toBeGreaterThanOrEqual(0);
    expect(soak.memory.length).toBeGreaterThan(0);
    expect(soak.memory[0]!.rssMB).toBeGreaterThan(0);
    expect(soak.memory[0]!.heapMB).toBeGreaterThan(0);
    expect(soak.rssSlopeLoadMBPerMin).not.toBeNull();
    expect(soak.rssSlopeHoldMBPerMin).not.toBeNull();
    const text = formatSummary(summary);
    expect(text).toMatch(/^churn .* missing 0, duplicates 0/m);
    expect(text).toMatch(/^soak drift .*POST \/api\/posts p99/m);
    expect(text).toMatch(/^soak memory .*MB\/min once the data stops growing/m);
    // The hub is stopped after the hold and a fresh one started on its data, RSS against RSS.
    expect(soak.restart!.rssMB).toBeGreaterThan(0);
    expect(soak.restart!.freshRssMB).toBeGreaterThan(0);
    expect(soak.restart!.ratio).toBeCloseTo(soak.restart!.rssMB / soak.restart!.freshRssMB, 1);
    expect(text).toMatch(/^soak restart +RSS [\d.]+ MB at the end .*a fresh hub on the same data [\d.]+ MB: [\d.]+×/m);
    expect(soak.stalls).not.toBeNull();
    expect(text).toMatch(
      /^soak stalls +\d+ s with a GC pause ≥ 50 ms, \d+ s with the hub on the CPU < half the second \(box load average [\d.]+–[\d.]+\)/m,
    );
  }, 240_000);
});
