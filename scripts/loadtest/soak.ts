/**
 * `--soak`: issue #35's long day on one hub as a preset (1 500 users with 20 friends each, 50 posts,
 * 10 comments and 10 visits a second for 20 minutes, then a minute's hold), shortened with
 * `--duration`. Besides the usual figures it reports how the day aged: the hub's RSS and heap over
 * time with their slope during the load and once the data stops growing (the hold), the first and
 * the last window's server-side p99 of `POST /api/posts` and of store inserts (from the hub's
 * /metrics), and the seconds whose event-loop p99 passed 100 ms.
 */
import os from 'node:os';
import type { HubChildMessage } from './hub-child.js';
import { httpJson } from './http.js';
import { clock } from './protocol.js';
import type { Target } from './target.js';

export { soakPreset } from './soak-preset.js';

/** What the soak reads of the run's per-second timeline (summary.ts's TimelinePoint). */
interface TimelineSecond {
  readonly phase: string;
  readonly hubEventLoopP99Ms: number | null;
}

export interface MemorySample {
  /** Seconds since the load started. */
  readonly t: number;
  readonly rssMB: number;
  /** V8 heap used (not after a GC), where the hub tells (hubs the load tester started). */
  readonly heapMB: number | null;
  readonly externalMB: number | null;
}

export interface SoakSummary {
  /** Length of the first and last windows compared (60 s, less for short runs). */
  readonly windowSec: number;
  readonly postP99Ms: { readonly first: number | null; readonly last: number | null };
  readonly insertP99Ms: { readonly first: number | null; readonly last: number | null };
  /** Seconds of the load whose hub event-loop p99 was over 100 ms. */
  readonly stallSeconds: number;
  /**
   * What those seconds were, from the hub's own per-second report (hubs the load tester started):
   * `gc`, a collector's pause of 50 ms or more; `starved`, the hub had the CPU for less than half
   * the second (the box gave it to others, or the hub waited on something outside JavaScript);
   * `busy`, neither (the hub's own work). Null when the hub does not report.
   */
  readonly stalls: StallCauses | null;
  /** The box's 1-minute load average during the load (the generator and anything else running). */
  readonly loadAverage: { readonly min: number; readonly max: number };
  /** Least-squares slopes in MB per minute: over the load, and over the hold after it. */
  readonly rssSlopeLoadMBPerMin: number | null;
  readonly rssSlopeHoldMBPerMin: number | null;
  readonly heapSlopeHoldMBPerMin: number | null;
  /** Every 10th second (and the last): the memory over time. */
  readonly memory: readonly MemorySample[];
  /**
   * After the hold, with the sockets closed and after a full GC: the hub's RSS, and a fresh hub's on the
   * same data (started in its place), in MB. Null when the hub is not one the load tester started alone.
   */
  readonly restart: { readonly rssMB: number; readonly freshRssMB: number; readonly ratio: number } | null;
}

/** The restart figures of a soak from the two RSS readings (bytes). */
export function restartFigures(r: { rssBytes: number; freshRssBytes: number } | null): SoakSummary['restart'] {
  if (!r || r.freshRssBytes <= 0) return null;
  return { rssMB: mb(r.rssBytes), freshRssMB: mb(r.freshRssBytes), ratio: Math.round((r.rssBytes / r.freshRssBytes) * 100) / 100 };
}

export interface StallCauses {
  readonly gc: number;
  readonly starved: number;
  readonly busy: number;
  /** The longest collector's pause of the load, and the full collections' share of all pause time. */
  readonly longestGcPauseMs: number;
  readonly majorGcMs: number;
  readonly gcMs: number;
}

type HubStats = Extract<HubChildMessage, { type: 'stats' }>;

/** Sorts the seconds whose event-loop p99 passed 100 ms by what the hub said of them. */
export function stallCauses(seconds: readonly HubStats[]): StallCauses {
  const stalled = seconds.filter((x) => x.eventLoop.p99Ms > 100);
  const gc = stalled.filter((x) => x.gc.maxMs >= 50);
  const starved = stalled.filter((x) => x.gc.maxMs < 50 && x.cpuMs < 500);
  const round = (x: number) => Math.round(x);
  return {
    gc: gc.length,
    starved: starved.length,
    busy: stalled.length - gc.length - starved.length,
    longestGcPauseMs: round(Math.max(0, ...seconds.map((x) => x.gc.maxMs))),
    majorGcMs: round(seconds.reduce((sum, x) => sum + x.gc.majorMs, 0)),
    gcMs: round(seconds.reduce((sum, x) => sum + x.gc.totalMs, 0)),
  };
}

/** A Prometheus histogram's cumulative buckets, summed over the series whose labels all match. */
export function labelledBuckets(text: string, name: string, labels: Readonly<Record<string, string | RegExp>>): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of text.matchAll(new RegExp(`^${name}_bucket\\{([^}]*)\\} ([0-9.eE+-]+)$`, 'gm'))) {
    const pairs = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((p) => [p[1]!, p[2]!]));
    if (!Object.entries(labels).every(([k, v]) => (typeof v === 'string' ? pairs[k] === v : v.test(pairs[k] ?? '')))) continue;
    const le = pairs.le === '+Inf' ? Infinity : Number(pairs.le);
    out.set(le, (out.get(le) ?? 0) + Number(m[2]));
  }
  return out;
}

/** The p99 (bucket bound, ms) of what a cumulative histogram observed between two scrapes. */
export function p99Between(before: Map<number, number>, after: Map<number, number>): number | null {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  if (total <= 0) return null;
  for (const le of bounds) {
    if ((after.get(le) ?? 0) - (before.get(le) ?? 0) >= 0.99 * total) {
      const bound = le === Infinity ? bounds[bounds.length - 2]! : le;
      return Math.round(bound * 1000 * 10) / 10;
    }
  }
  return null;
}

/** Least-squares slope of y over t (seconds), per minute; null with fewer than 3 points. */
export function slopePerMinute(points: ReadonlyArray<readonly [t: number, y: number]>): number | null {
  if (points.length < 3) return null;
  const n = points.length;
  const mt = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  let num = 0;
  let den = 0;
  for (const [t, y] of points) {
    num += (t - mt) * (y - my);
    den += (t - mt) ** 2;
  }
  return den === 0 ? null : Math.round((num / den) * 60 * 100) / 100;
}

interface Scrape {
  readonly at: number;
  readonly post: Map<number, number>;
  readonly insert: Map<number, number>;
}

export interface SoakRecorder {
  /** Marks the end of the writes (the generator stopped; the drain follows): the last latency window ends here. */
  writesEnded(): void;
  /** Marks the end of the load (the data stops growing); the hold follows. */
  loadEnded(): void;
  /** Holds `seconds` with the sockets connected and no writes, sampling memory, then sums up. */
  finish(holdSeconds: number, timeline: readonly TimelineSecond[]): Promise<SoakSummary>;
}

const mb = (b: number): number => Math.round((b / 2 ** 20) * 10) / 10;

/** Starts sampling at the start of the load. */
export function startSoakRecorder(target: Target, durationSec: number): SoakRecorder {
  const windowSec = Math.max(1, Math.min(60, Math.floor(durationSec / 3)));
  const started = clock();
  const scrapes: Scrape[] = [];
  const samples: Array<MemorySample & { readonly phase: 'load' | 'hold' }> = [];
  let phase: 'load' | 'hold' = 'load';

  const scrape = async (): Promise<void> => {
    const base = target.baseUrls[0]!;
    try {
      const res = await httpJson<string>(base, 'GET', '/metrics', { timeoutMs: 5_000 });
      if (res.status !== 200 || typeof res.body !== 'string') return;
      scrapes.push({
        at: clock(),
        // The route label is the matched route's path (`/posts`, or with its mount point `/api/posts`).
        post: labelledBuckets(res.body, 'kj_http_request_duration_seconds', { method: 'POST', route: /^(\/api)?\/posts$/ }),
        insert: labelledBuckets(res.body, 'kj_store_command_duration_seconds', { command: 'insert' }),
      });
    } catch {
      // a missed scrape only widens a window
    }
  };
  const sample = async (): Promise<void> => {
    const stats = target.hubs[0]?.lastStats;
    const rss = stats ? stats.memory.rss : await target.serverRss();
    if (!rss) return;
    samples.push({
      t: Math.round((clock() - started) / 100) / 10,
      rssMB: mb(rss),
      heapMB: stats ? mb(stats.memory.heapUsed) : null,
      externalMB: stats ? mb(stats.memory.external) : null,
      phase,
    });
  };
  void scrape();
  const scrapeEvery = Math.max(1, Math.min(5, windowSec / 3)) * 1000;
  const scraper = setInterval(() => void scrape(), scrapeEvery);
  const sampler = setInterval(() => void sample(), 1_000);
  let loadEndAt = 0;
  let writesEndAt = 0;
  /** The hub's per-second reports and the box's load average, while the writes run. */
  const hubSeconds: HubStats[] = [];
  const loadAverages: number[] = [];
  const writing = () => phase === 'load' && writesEndAt === 0;
  target.hubs[0]?.onStats((x) => {
    if (!writing()) return;
    hubSeconds.push(x);
    loadAverages.push(os.loadavg()[0]!);
  });

  return {
    writesEnded() {
      writesEndAt = clock();
      void scrape();
    },
    loadEnded() {
      loadEndAt = clock();
      phase = 'hold';
      void scrape();
    },
    async finish(holdSeconds, timeline) {
      await new Promise((r) => setTimeout(r, holdSeconds * 1000));
      clearInterval(scraper);
      clearInterval(sampler);
      // The latency windows end with the writes, not with the drain after them (no posts there).
      const end = writesEndAt || loadEndAt || clock();
      // The first window runs from the first scrape to the first one a window later (at least the
      // next one); the last from the last one a window before the end's scrape to that scrape.
      const ordered = scrapes.filter((x) => x.at <= end + scrapeEvery).sort((x, y) => x.at - y.at);
      const a = ordered[0];
      const b = ordered.slice(1).find((x) => x.at >= started + windowSec * 1000) ?? ordered[1];
      const d = ordered.at(-1);
      const c = [...ordered.slice(0, -1)].reverse().find((x) => x.at <= end - windowSec * 1000) ?? ordered.at(-2);
      const between = (x: Scrape | undefined, y: Scrape | undefined, key: 'post' | 'insert') =>
        x && y && y.at > x.at ? p99Between(x[key], y[key]) : null;
      const of = (p: 'load' | 'hold', key: 'rssMB' | 'heapMB') =>
        samples.filter((s) => s.phase === p && s[key] !== null).map((s) => [s.t, s[key]!] as const);
      return {
        windowSec,
        postP99Ms: { first: between(a, b, 'post'), last: between(c, d, 'post') },
        insertP99Ms: { first: between(a, b, 'insert'), last: between(c, d, 'insert') },
        stallSeconds: timeline.filter((p) => p.phase === 'load' && (p.hubEventLoopP99Ms ?? 0) > 100).length,
        stalls: hubSeconds.length > 0 ? stallCauses(hubSeconds) : null,
        loadAverage: {
          min: Math.round(Math.min(...loadAverages, os.loadavg()[0]!) * 10) / 10,
          max: Math.round(Math.max(...loadAverages, os.loadavg()[0]!) * 10) / 10,
        },
        rssSlopeLoadMBPerMin: slopePerMinute(of('load', 'rssMB')),
        rssSlopeHoldMBPerMin: slopePerMinute(of('hold', 'rssMB')),
        heapSlopeHoldMBPerMin: slopePerMinute(of('hold', 'heapMB')),
        memory: samples.filter((_, i) => i % 10 === 0 || i === samples.length - 1).map(({ phase: _p, ...s }) => s),
        // Measured after the sockets close (run.ts), when the hub can be stopped.
        restart: null,
      };
    },
  };
}

/** The summary's soak lines. */
export function formatSoak(s: SoakSummary): string[] {
  const last = s.memory.at(-1);
  return [
    `soak drift    first vs last ${s.windowSec} s: POST /api/posts p99 ${s.postP99Ms.first ?? '-'} → ${s.postP99Ms.last ?? '-'} ms, ` +
      `store insert p99 ${s.insertP99Ms.first ?? '-'} → ${s.insertP99Ms.last ?? '-'} ms; ${s.stallSeconds} s with event-loop p99 > 100 ms`,
    ...(s.stalls
      ? [
          `soak stalls   ${s.stalls.gc} s with a GC pause ≥ 50 ms, ${s.stalls.starved} s with the hub on the CPU < half the second ` +
            `(box load average ${s.loadAverage.min}–${s.loadAverage.max}), ${s.stalls.busy} s busy; ` +
            `GC ${s.stalls.gcMs} ms in all (full collections ${s.stalls.majorGcMs} ms), longest pause ${s.stalls.longestGcPauseMs} ms`,
        ]
      : []),
    `soak memory   RSS ${s.memory[0]?.rssMB ?? '-'} → ${last?.rssMB ?? '-'} MB (heap ${s.memory[0]?.heapMB ?? '-'} → ${last?.heapMB ?? '-'} MB); ` +
      `RSS slope ${s.rssSlopeLoadMBPerMin ?? '-'} MB/min during the load, ${s.rssSlopeHoldMBPerMin ?? '-'} MB/min once the data stops growing ` +
      `(heap ${s.heapSlopeHoldMBPerMin ?? '-'} MB/min)`,
    ...(s.restart
      ? [
          `soak restart  RSS ${s.restart.rssMB} MB at the end (sockets closed, after a full GC); a fresh hub on the same data ` +
            `${s.restart.freshRssMB} MB: ${s.restart.ratio}× (issue #35: ≤ 1.25×)`,
        ]
      : []),
  ];
}
