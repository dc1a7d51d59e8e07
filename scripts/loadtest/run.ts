/**
 * `runLoadTest(options)`: seed, connect every user's socket across the workers, drive the traffic,
 * collect what every worker saw, and sum it up. The CLI (index.ts) and the smoke test both call it.
 */
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { makeFriendGraph } from './friend-graph.js';
import { Histogram, round } from './histogram.js';
import { closeHttpAgents } from './http.js';
import { defaultOptions, type LoadTestOptions } from './options.js';
import { clock, type WorkerFinal, type WorkerTick, type WorkerUser } from './protocol.js';
import type { LoadTestSummary, TimelinePoint } from './summary.js';
import type { RedisTraffic } from './processes.js';
import { parseRamp } from './ramp.js';
import { evaluateThresholds } from './thresholds.js';
import { sourceIpsFor } from './source-address.js';
import { prepareTarget, type CpuMs, type Target } from './target.js';
import { runTraffic, type TrafficResult } from './traffic.js';
import { fromEach, startWorkers, type WorkerMode } from './worker-pool.js';

/** Sockets one generator process holds at most: the open-file limit here is 20 000 and not raisable. */
const socketsPerProcess = 15_000;

export async function runLoadTest(partial: Partial<LoadTestOptions> = {}): Promise<LoadTestSummary> {
  const options: LoadTestOptions = { ...defaultOptions, ...partial };
  const log = options.verbose ? (line: string) => process.stderr.write(`[loadtest] ${line}\n`) : () => undefined;
  const graph = makeFriendGraph(options.users, options.friends, options.seed);
  const prefix = `lt${randomBytes(3).toString('hex')}_`;
  const warnings: string[] = [];
  const target = await prepareTarget(options, graph, prefix, log);
  const workerCount = Math.max(1, Math.min(options.workers, options.users));
  const workerMode: WorkerMode = options.users > socketsPerProcess ? 'process' : 'thread';
  if (workerMode === 'process' && options.users / workerCount > socketsPerProcess) {
    warnings.push(
      `each worker process holds ${Math.ceil(options.users / workerCount)} sockets; raise --workers if connects fail with EMFILE`,
    );
  }
  // 127.0.0.x source addresses reach only this machine: towards another host the kernel picks.
  const sourceIps = sourceIpsFor([...target.baseUrls, ...target.realtimeUrls], options.sourceIps);
  const workers = startWorkers(workerCount, workerMode);
  const mainDelay = monitorEventLoopDelay({ resolution: 5 });
  mainDelay.enable();
  try {
    const shares: WorkerUser[][] = workers.map(() => []);
    for (const u of target.users) shares[u.index % workerCount]!.push({ index: u.index, token: u.token });
    const ready = fromEach(workers, 'ready', 60_000);
    workers.forEach((w, i) =>
      w.post({
        type: 'init',
        workerId: w.id,
        realtimeUrls: target.realtimeUrls,
        users: shares[i]!,
        graph,
        handlePrefix: prefix,
        sourceIps,
        connectConcurrency: options.connectConcurrency,
        ramp: options.rampPhases ?? parseRamp(String(options.ramp), options.users),
        celebrity: options.scenario === 'celebrity' ? 0 : -1,
      }),
    );
    await ready;

    // Per-second timeline, fed by the workers' ticks.
    let phase: TimelinePoint['phase'] = 'connect';
    const acc = {
      connects: 0,
      deliveries: 0,
      busy: 0,
      cpu: new Map<number, number>(),
      latency: new Histogram(),
      fromSend: new Histogram(),
    };
    const lastConnected = new Map<number, number>();
    const timeline: TimelinePoint[] = [];
    const busyDuringLoad: number[] = [];
    const cpuDuringLoad: number[] = [];
    for (const w of workers) {
      w.onMessage((m) => {
        if (m.type !== 'tick') return;
        const t = m as WorkerTick;
        acc.connects += t.connectsInTick;
        acc.deliveries += t.deliveriesInTick;
        acc.busy = Math.max(acc.busy, t.busy);
        acc.cpu.set(workerMode === 'thread' ? 0 : t.workerId, t.processCpu);
        acc.latency.add(t.latency);
        acc.fromSend.add(t.fromSendLatency);
        lastConnected.set(t.workerId, t.connected);
      });
    }
    const t0 = clock();
    let traffic: TrafficResult | undefined;
    let mainElu = performance.eventLoopUtilization();
    const ticker = setInterval(() => {
      void (async () => {
        const rss = (await target.serverRss()) ?? 0;
        const eventLoop = await target.hubEventLoopP99();
        const elu = performance.eventLoopUtilization(mainElu);
        mainElu = performance.eventLoopUtilization();
        const busy = Math.max(acc.busy, elu.utilization);
        const cpu = [...acc.cpu.values()].reduce((s, v) => s + v, 0);
        const point: TimelinePoint = {
          t: round((clock() - t0) / 1000, 1),
          phase,
          connected: [...lastConnected.values()].reduce((s, v) => s + v, 0),
          connectsPerSec: acc.connects,
          postsPerSec: 0,
          deliveriesPerSec: acc.deliveries,
          latencyMs: acc.latency.summary(),
          fromSendLatencyMs: acc.fromSend.summary(),
          serverRssBytes: rss,
          hubEventLoopP99Ms: eventLoop,
          generatorBusy: round(busy, 3),
        };
        timeline.push(point);
        // Connecting is load too (for connects/s); drain and hold are not.
        if (phase === 'load' || (phase === 'connect' && point.connectsPerSec > 0)) {
          busyDuringLoad.push(busy);
          cpuDuringLoad.push(cpu);
        }
        if (options.verbose) {
          log(
            `t=${point.t}s ${phase} connected=${point.connected} +${point.connectsPerSec}/s deliveries=${point.deliveriesPerSec}/s ` +
              `p99=${point.latencyMs.p99}ms rss=${Math.round(rss / 2 ** 20)}MB hubLoopP99=${eventLoop ?? '-'}ms genBusy=${Math.round(busy * 100)}%`,
          );
        }
        acc.connects = 0;
        acc.deliveries = 0;
        acc.busy = 0;
        acc.latency.reset();
        acc.fromSend.reset();
      })();
    }, 1_000);

    const rssBaseline = (await target.serverRss()) ?? 0;
    const heapBaseline = await target.heapAfterGc();
    const cpuBeforeConnect = await target.hubCpuMs();
    log(`connecting ${options.users} sockets from ${workerCount} ${workerMode} worker(s)`);
    for (const w of workers) w.post({ type: 'connect' });
    const connectedReports = await fromEach(workers, 'connected', 30 * 60_000);
    const cpuAfterConnect = await target.hubCpuMs();
    const connectedNow = connectedReports.reduce((s, r) => s + r.connected, 0);
    log(`connected ${connectedNow}/${options.users} (${connectedReports.reduce((s, r) => s + r.failures, 0)} failures)`);

    let rssWithSockets: number;
    let heapWithSockets: number | null;
    let redisBefore = await target.redisTraffic();
    let cpuBeforeLoad: CpuMs | null = null;
    let cpuAfterLoad: CpuMs | null = null;
    let idleCpuMsPerSec: number | null = null;
    let loadStartedAt = 0;
    let loadEndedAt = 0;
    const sentAtOf = new Map<string, number>();
    if (options.idle) {
      phase = 'hold';
      await new Promise((r) => setTimeout(r, options.hold * 1000));
      heapWithSockets = await target.heapAfterGc();
      rssWithSockets = (await target.serverRss()) ?? 0;
    } else {
      await new Promise((r) => setTimeout(r, 500));
      heapWithSockets = await target.heapAfterGc();
      rssWithSockets = (await target.serverRss()) ?? 0;
      redisBefore = await target.redisTraffic();
      // The hubs' CPU with every socket connected and nothing happening (pings, timers, stats):
      // subtracted for the "above idle" figure, so that per-delivery cost is not diluted by it.
      const idleFrom = await target.hubCpuMs();
      const idleStart = clock();
      await new Promise((r) => setTimeout(r, 2_000));
      const idleTo = await target.hubCpuMs();
      if (idleFrom !== null && idleTo !== null) idleCpuMsPerSec = ((idleTo.total - idleFrom.total) / (clock() - idleStart)) * 1000;
      cpuBeforeLoad = await target.hubCpuMs();
      loadStartedAt = clock();
      phase = 'load';
      traffic = await runTraffic({
        baseUrls: target.baseUrls,
        users: target.users,
        graph,
        postRate: options.postRate,
        posters: options.posters,
        commentRate: options.commentRate,
        visitRate: options.visitRate,
        durationMs: options.duration * 1000,
        sourceIps,
        seed: options.seed,
        announcePosts: (items) => {
          for (const item of items) sentAtOf.set(item.postId, item.sentAt);
          workers.forEach((w) => w.post({ type: 'posted', items }));
        },
        announceSide: (items) => workers.forEach((w) => w.post({ type: 'side', items })),
        ...(options.scenario === 'celebrity' ? { celebrityPosts: options.posts } : {}),
      });
      phase = 'drain';
      const drainEnd = clock() + options.drain * 1000;
      await new Promise((r) => setTimeout(r, Math.min(1_200, options.drain * 1000)));
      // Wait for a quiet second (no deliveries) or the end of the drain window.
      while (clock() < drainEnd && (timeline.at(-1)?.deliveriesPerSec ?? 0) > 0) await new Promise((r) => setTimeout(r, 250));
      cpuAfterLoad = await target.hubCpuMs();
      loadEndedAt = clock();
    }
    const redisAfter = await target.redisTraffic();
    const finalsP = fromEach(workers, 'final', 60_000);
    for (const w of workers) w.post({ type: 'finish' });
    const finals = await finalsP;
    clearInterval(ticker);
    await waitForSocketsToDrop(target.hubs);

    return judged(options, {
      options,
      workerMode,
      workerCount,
      targetDescription: target.description,
      finals,
      traffic,
      timeline,
      rssBaseline,
      rssWithSockets,
      heapBaseline,
      heapWithSockets,
      storeRss: target.storeRss(),
      eventLoopSource: target.eventLoopSource,
      busyDuringLoad,
      cpuDuringLoad,
      mainDelayP99: mainDelay.percentile(99) / 1e6,
      redis: redisBefore && redisAfter ? { before: redisBefore, after: redisAfter } : undefined,
      warnings,
      hubCpu: {
        connectMs: cpuBeforeConnect !== null && cpuAfterConnect !== null ? cpuAfterConnect.total - cpuBeforeConnect.total : null,
        loadMs: cpuBeforeLoad !== null && cpuAfterLoad !== null ? cpuAfterLoad.total - cpuBeforeLoad.total : null,
        loadSystemMs: cpuBeforeLoad !== null && cpuAfterLoad !== null ? cpuAfterLoad.system - cpuBeforeLoad.system : null,
        idleMsPerSec: idleCpuMsPerSec,
        loadWallMs: loadEndedAt - loadStartedAt,
      },
      sentAtOf,
    });
  } finally {
    mainDelay.disable();
    await Promise.allSettled(workers.map((w) => w.stop()));
    closeHttpAgents();
    await target.stop();
  }
}

/** Lets the hubs finish handling the disconnects before they are stopped (quieter shutdown logs). */
async function waitForSocketsToDrop(hubs: Target['hubs']): Promise<void> {
  const deadline = clock() + 5_000;
  while (clock() < deadline && hubs.some((h) => (h.lastStats?.sockets ?? 0) > 0)) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 300));
}

interface SummaryInput {
  readonly options: LoadTestOptions;
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
    readonly loadMs: number | null;
    readonly loadSystemMs: number | null;
    readonly idleMsPerSec: number | null;
    readonly loadWallMs: number;
  };
  readonly sentAtOf: ReadonlyMap<string, number>;
}

const sum = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0);
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
function judged(options: LoadTestOptions, input: SummaryInput): LoadTestSummary {
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
  const perK = (ms: number | null, n: number) => (ms === null || n === 0 ? null : round((ms / n) * 1000, 2));
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
  };
  const { json: _json, report: _report, verbose: _verbose, ...setup } = options;
  return {
    setup: { ...setup, workerMode: s.workerMode, workers: s.workerCount, target: s.targetDescription },
    users: options.users,
    connected,
    connectFailures: sum(finals.map((f) => f.connectFailures)),
    connectErrors: addCounts(finals.map((f) => f.connectErrors)),
    connectSeconds: round(connectSeconds, 2),
    connectsPerSec: connectSeconds > 0 ? Math.round(connected / connectSeconds) : 0,
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
    hubCpuMsPerKDelivery: hubCpu.msPerKDelivery,
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
