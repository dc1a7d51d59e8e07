/** What a load test's workers and hubs reported, summed up into the report's figures (and judged against `--threshold`). */
import { Histogram, round } from './histogram.js';
import type { LoadTestOptions } from './options.js';
import type { WorkerFinal } from './protocol.js';
import { rampStageResults, type RampPhase } from './ramp.js';
import type { LoadTestSummary, NodeLoad, TimelinePoint } from './summary.js';
import type { RedisTraffic } from './processes.js';
import { totalOf, type CommandCounts } from './store-commands.js';
import { evaluateThresholds } from './thresholds.js';
import type { TrafficResult } from './traffic.js';
import type { WorkerMode } from './worker-pool.js';

export interface SummaryInput {
  readonly options: LoadTestOptions;
  /** The connect stages the workers followed (empty: as fast as they could). */
  readonly ramp: readonly RampPhase[];
  readonly workerMode: WorkerMode;
  readonly workerCount: number;
  readonly targetDescription: string;
  readonly finals: readonly WorkerFinal[];
  readonly traffic: TrafficResult | undefined;
  readonly timeline: TimelinePoint[];
  readonly rssBaseline: number;
  readonly rssWithSockets: number;
  readonly heapBaseline: number | null;
  readonly heapWithSockets: number | null;
  readonly storeRss: number | null;
  readonly eventLoopSource: string;
  readonly busyDuringLoad: readonly number[];
  readonly cpuDuringLoad: readonly number[];
  readonly mainDelayP99: number;
  readonly redis: { readonly before: RedisTraffic; readonly after: RedisTraffic } | undefined;
  readonly warnings: string[];
  readonly hubCpu: {
    readonly connectMs: number | null;
    readonly connectSystemMs: number | null;
    /** Each hub's CPU during the load, in node order (hubs started by the load tester). */
    readonly loadByNode: ReadonlyArray<{ readonly total: number; readonly system: number }> | null;
    readonly loadMs: number | null;
    readonly loadSystemMs: number | null;
    readonly idleMsPerSec: number | null;
    readonly loadWallMs: number;
  };
  readonly sentAtOf: ReadonlyMap<string, number>;
  /** Store commands the hubs issued during the load (and drain), by command name. */
  readonly storeCommands: CommandCounts | null;
}

const sum = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0);

/**
 * Per node: its CPU during the load and the deliveries to its sockets, local (the poster on the same
 * node: the hub's own publish) or remote (heard from another node through Redis), and CPU per 1 000.
 */
function nodeSplit(
  cpu: ReadonlyArray<{ readonly total: number; readonly system: number }> | null,
  finals: readonly WorkerFinal[],
  nodes: number,
): NodeLoad[] {
  return Array.from({ length: nodes }, (_, node) => {
    const local = sum(finals.map((f) => f.deliveriesByNode[node]?.local ?? 0));
    const remote = sum(finals.map((f) => f.deliveriesByNode[node]?.remote ?? 0));
    const c = cpu?.[node];
    return {
      node,
      cpuMs: c ? Math.round(c.total) : null,
      systemMs: c ? Math.round(c.system) : null,
      localDeliveries: local,
      remoteDeliveries: remote,
      msPerKDelivery: c && local + remote > 0 ? Math.round((c.total / (local + remote)) * 1000 * 100) / 100 : null,
    };
  });
}
const mean = (xs: readonly number[]) => (xs.length ? sum(xs) / xs.length : 0);
const merge = (snaps: ReadonlyArray<WorkerFinal['latency']>) => {
  const h = new Histogram();
  for (const s of snaps) h.add(s);
  return h.summary();
};
const addCounts = (maps: ReadonlyArray<Readonly<Record<string, number>>>) => {
  const out: Record<string, number> = {};
  for (const m of maps) for (const [k, v] of Object.entries(m)) out[k] = (out[k] ?? 0) + v;
  return out;
};

/** The summary, with each `--threshold` judged against it. */
export function judged(options: LoadTestOptions, input: SummaryInput): LoadTestSummary {
  const summary = summarize(input);
  return options.thresholds?.length ? { ...summary, thresholds: evaluateThresholds(options.thresholds, summary) } : summary;
}

function summarize(s: SummaryInput): LoadTestSummary {
  const { options, finals, traffic, warnings } = s;
  const connected = sum(finals.map((f) => f.connected + f.disconnects));
  const first = Math.min(...finals.map((f) => f.firstAttemptAt || Infinity));
  const last = Math.max(...finals.map((f) => f.lastConnectAt));
  const connectSeconds = Number.isFinite(first) && last > first ? (last - first) / 1000 : 0;
  const deliveries = sum(finals.map((f) => f.deliveries));
  const loadSeconds = traffic ? (traffic.endedAt - traffic.startedAt) / 1000 : 0;
  // Posts acknowledged per second go into the timeline's load seconds.
  if (traffic) {
    const loadPoints = s.timeline.filter((p) => p.phase === 'load');
    loadPoints.forEach((p, i) => Object.assign(p, { postsPerSec: traffic.postsPerSecond[i] ?? 0 }));
  }
  const maxBusy = Math.max(0, ...s.busyDuringLoad);
  const cpuCores = mean(s.cpuDuringLoad);
  const saturated = mean(s.busyDuringLoad) > 0.85;
  if (saturated) {
    warnings.push(
      `the load generator was busy ${Math.round(mean(s.busyDuringLoad) * 100)}% of the time: latency and throughput figures are limited by the generator, not the server`,
    );
  }
  const missing = sum(finals.map((f) => f.missing));
  const unexpected = sum(finals.map((f) => f.unexpected));
  if (unexpected > 0) warnings.push(`${unexpected} feed:post deliveries went to users who are not the author's friends (privacy)`);
  if (missing > 0) warnings.push(`${missing} expected deliveries never arrived`);
  const socketsHeld = sum(finals.map((f) => f.connected));
  const bytesPerSocket = socketsHeld > 0 ? Math.round((s.rssWithSockets - s.rssBaseline) / socketsHeld) : 0;
  const heapBytesPerSocket =
    socketsHeld > 0 && s.heapBaseline !== null && s.heapWithSockets !== null
      ? Math.round((s.heapWithSockets - s.heapBaseline) / socketsHeld)
      : null;
  const loopValues = s.timeline
    .filter((p) => p.phase === 'load' || p.phase === 'hold')
    .map((p) => p.hubEventLoopP99Ms)
    .filter((v): v is number => v !== null);
  const redis = s.redis ? redisCost(s.redis.before, s.redis.after, deliveries) : undefined;
  const sideRecv = (k: 'comment' | 'visit') => sum(finals.map((f) => f.sideReceived[k]));
  // Fan-out time per post: POST sent → its last receipt on any worker.
  const lastAt = new Map<string, number>();
  for (const f of finals) for (const [id, at] of f.lastReceipts) lastAt.set(id, Math.max(lastAt.get(id) ?? 0, at));
  const fanout = new Histogram();
  for (const [id, at] of lastAt) {
    const sentAt = s.sentAtOf.get(id);
    if (sentAt !== undefined) fanout.record(at - sentAt);
  }
  // Every acknowledged write: posts, comments and visits (each a POST the hub stored).
  const writes = (traffic?.postsAcked ?? 0) + (traffic?.commentsAcked ?? 0) + (traffic?.visitsAcked ?? 0);
  const perK = (ms: number | null, n: number) => (ms === null || n === 0 ? null : round((ms / n) * 1000, 2));
  const perOne = (ms: number | null, n: number) => (ms === null || n === 0 ? null : round(ms / n, 2));
  const connectedCount = sum(finals.map((f) => f.connected + f.disconnects));
  const aboveIdle =
    s.hubCpu.loadMs === null || s.hubCpu.idleMsPerSec === null
      ? null
      : Math.max(0, s.hubCpu.loadMs - (s.hubCpu.idleMsPerSec * s.hubCpu.loadWallMs) / 1000);
  const hubCpu = {
    loadMs: s.hubCpu.loadMs === null ? null : Math.round(s.hubCpu.loadMs),
    msPerKDelivery: perK(s.hubCpu.loadMs, deliveries),
    systemMsPerKDelivery: perK(s.hubCpu.loadSystemMs, deliveries),
    idleMsPerSec: s.hubCpu.idleMsPerSec === null ? null : round(s.hubCpu.idleMsPerSec, 1),
    msPerKDeliveryAboveIdle: perK(aboveIdle, deliveries),
    connectMs: s.hubCpu.connectMs === null ? null : Math.round(s.hubCpu.connectMs),
    msPerKConnect: perK(s.hubCpu.connectMs, connectedCount),
    systemMsPerKConnect: perK(s.hubCpu.connectSystemMs, connectedCount),
    msPerPost: perOne(s.hubCpu.loadMs, traffic?.postsAcked ?? 0),
    systemMsPerPost: perOne(s.hubCpu.loadSystemMs, traffic?.postsAcked ?? 0),
    msPerWrite: perOne(s.hubCpu.loadMs, writes),
    systemMsPerWrite: perOne(s.hubCpu.loadSystemMs, writes),
  };
  const storeCommands = s.storeCommands
    ? {
        perWrite: writes > 0 ? round(totalOf(s.storeCommands) / writes, 2) : null,
        perWriteByCommand: Object.fromEntries(
          Object.entries(s.storeCommands)
            .sort(([, a], [, b]) => b - a)
            .map(([c, n]) => [c, writes > 0 ? round(n / writes, 2) : 0]),
        ),
        total: totalOf(s.storeCommands),
      }
    : null;
  const nodes = options.nodes > 1 ? nodeSplit(s.hubCpu.loadByNode, finals, options.nodes) : undefined;
  const { json: _json, report: _report, verbose: _verbose, ...setup } = options;
  return {
    setup: { ...setup, workerMode: s.workerMode, workers: s.workerCount, target: s.targetDescription },
    users: options.users,
    connected,
    connectFailures: sum(finals.map((f) => f.connectFailures)),
    connectErrors: addCounts(finals.map((f) => f.connectErrors)),
    connectSeconds: round(connectSeconds, 2),
    connectsPerSec: connectSeconds > 0 ? Math.round(connected / connectSeconds) : 0,
    ...(s.ramp.length > 0
      ? {
          rampStages: rampStageResults(
            s.ramp,
            finals.map((f) => f.connectedByStage),
          ),
        }
      : {}),
    posts: {
      sent: traffic?.postsSent ?? 0,
      acked: traffic?.postsAcked ?? 0,
      held: traffic?.postsHeld ?? 0,
      skipped: traffic?.postsSkipped ?? 0,
      perSec: loadSeconds > 0 ? round((traffic?.postsAcked ?? 0) / loadSeconds, 1) : 0,
    },
    httpErrors: traffic?.httpErrors ?? {},
    deliveries,
    deliveriesPerSec: loadSeconds > 0 ? Math.round(deliveries / loadSeconds) : 0,
    peakDeliveriesPerSec: Math.max(0, ...s.timeline.map((p) => p.deliveriesPerSec)),
    expected: sum(finals.map((f) => f.expected)),
    missing,
    duplicates: sum(finals.map((f) => f.duplicates)),
    unexpected,
    unacked: sum(finals.map((f) => f.unacked)),
    deliveredBeforeAck: sum(finals.map((f) => f.beforeAck)),
    latencyMs: merge(finals.map((f) => f.latency)),
    fromSendLatencyMs: merge(finals.map((f) => f.fromSendLatency)),
    fanoutMs: fanout.summary(),
    hubCpu,
    storeCommands,
    hubCpuMsPerKDelivery: hubCpu.msPerKDelivery,
    ...(nodes ? { nodes } : {}),
    ...(options.nodes > 1
      ? { crossNodeLatencyMs: merge(finals.map((f) => f.crossNodeLatency)), sameNodeLatencyMs: merge(finals.map((f) => f.sameNodeLatency)) }
      : {}),
    comments: {
      acked: traffic?.commentsAcked ?? 0,
      received: sideRecv('comment'),
      latencyMs: merge(finals.map((f) => f.sideLatency.comment)),
    },
    visits: { acked: traffic?.visitsAcked ?? 0, received: sideRecv('visit'), latencyMs: merge(finals.map((f) => f.sideLatency.visit)) },
    serverRssBytes: s.rssWithSockets,
    serverRssBaselineBytes: s.rssBaseline,
    bytesPerSocket,
    heapBytesPerSocket,
    storeRssBytes: s.storeRss,
    hubEventLoop: { source: s.eventLoopSource, p99MaxMs: loopValues.length ? Math.max(...loopValues) : null },
    generator: {
      workers: s.workerCount,
      maxBusy: round(maxBusy, 3),
      cpuCores: round(cpuCores, 2),
      eventLoopP99Ms: round(s.mainDelayP99, 2),
      saturated,
    },
    ...(redis ? { redis } : {}),
    disconnects: sum(finals.map((f) => f.disconnects)),
    otherEvents: addCounts(finals.map((f) => f.otherEvents)),
    warnings,
    timeline: s.timeline,
  };
}

/** What the Redis servers did between two readings, per delivery; and the busiest server's CPU. */
function redisCost(before: RedisTraffic, after: RedisTraffic, deliveries: number): NonNullable<LoadTestSummary['redis']> {
  const cpuMs = Object.entries(after.cpuSecondsByServer).map(([server, seconds]) => ({
    server,
    ms: (seconds - (before.cpuSecondsByServer[server] ?? 0)) * 1000,
  }));
  const busiest = cpuMs.reduce((a, b) => (b.ms > a.ms ? b : a), { server: '-', ms: 0 });
  const wallMs = Math.max(1, after.at - before.at);
  return {
    outputBytes: after.outputBytes - before.outputBytes,
    inputBytes: after.inputBytes - before.inputBytes,
    commands: after.commands - before.commands,
    outputBytesPerDelivery: deliveries ? round((after.outputBytes - before.outputBytes) / deliveries, 1) : 0,
    commandsPerDelivery: deliveries ? round((after.commands - before.commands) / deliveries, 3) : 0,
    masterCommandsPerDelivery: deliveries ? round((after.masterCommands - before.masterCommands) / deliveries, 3) : 0,
    servers: cpuMs.length,
    busiestServer: {
      server: busiest.server,
      cpuMs: round(busiest.ms, 1),
      percentOfCore: round((busiest.ms / wallMs) * 100, 1),
      cpuMsPerKDelivery: deliveries ? round((busiest.ms / deliveries) * 1000, 2) : null,
    },
    totalCpuMs: round(
      cpuMs.reduce((sum, c) => sum + c.ms, 0),
      1,
    ),
    commandsPerKDelivery: Object.fromEntries(
      Object.entries(after.callsByCommand)
        .map(([command, calls]) => [command, calls - (before.callsByCommand[command] ?? 0)] as const)
        .filter(([, calls]) => calls > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([command, calls]) => [command, deliveries ? round((calls / deliveries) * 1000, 1) : calls]),
    ),
  };
}
