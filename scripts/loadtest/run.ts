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
import { clock, type WorkerUser } from './protocol.js';
import type { LoadTestSummary, TimelinePoint } from './summary.js';
import { judged } from './summarize.js';
import { parseRamp } from './ramp.js';
import { sourceIpsFor } from './source-address.js';
import { prepareTarget, type CpuMs, type Target } from './target.js';
import { runTraffic, type TrafficResult } from './traffic.js';
import { fromEach, startWorkers, type WorkerMode } from './worker-pool.js';
import { startChurn, type Churn, type ChurnSummary } from './churn.js';
import { restartFigures, startSoakRecorder, type SoakRecorder, type SoakSummary } from './soak.js';
import { commandsBetween, storeCommandCounts, type CommandCounts } from './store-commands.js';

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
  const ramp = options.rampPhases ?? parseRamp(String(options.ramp), options.users);
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
        ramp,
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
        const t = m;
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
    let nodesBeforeLoad: CpuMs[] | null = null;
    let nodesAfterLoad: CpuMs[] | null = null;
    let idleCpuMsPerSec: number | null = null;
    let loadStartedAt = 0;
    let storeBeforeLoad: CommandCounts | null = null;
    let storeAfterLoad: CommandCounts | null = null;
    let loadEndedAt = 0;
    const sentAtOf = new Map<string, number>();
    let churn: Churn | undefined;
    let soak: SoakRecorder | undefined;
    let churnSummary: ChurnSummary | undefined;
    let soakSummary: SoakSummary | undefined;
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
      if (options.churn) {
        const plan = { realtimeUrls: target.realtimeUrls, users: target.users, rate: options.churn, sourceIps };
        churn = await startChurn(plan);
      }
      cpuBeforeLoad = await target.hubCpuMs();
      nodesBeforeLoad = await target.hubCpuMsByNode();
      storeBeforeLoad = await storeCommandCounts(target.baseUrls);
      loadStartedAt = clock();
      phase = 'load';
      if (options.soak) soak = startSoakRecorder(target, options.duration);
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
      soak?.writesEnded();
      const drainEnd = clock() + options.drain * 1000;
      await new Promise((r) => setTimeout(r, Math.min(1_200, options.drain * 1000)));
      // Wait for a quiet second (no deliveries) or the end of the drain window.
      while (clock() < drainEnd && (timeline.at(-1)?.deliveriesPerSec ?? 0) > 0) await new Promise((r) => setTimeout(r, 250));
      cpuAfterLoad = await target.hubCpuMs();
      nodesAfterLoad = await target.hubCpuMsByNode();
      storeAfterLoad = await storeCommandCounts(target.baseUrls);
      loadEndedAt = clock();
      if (soak) {
        soak.loadEnded();
        phase = 'hold';
        soakSummary = await soak.finish(options.hold, timeline);
      }
      churnSummary = await churn?.stop();
    }
    const redisAfter = await target.redisTraffic();
    const finalsP = fromEach(workers, 'final', 60_000);
    for (const w of workers) w.post({ type: 'finish' });
    const finals = await finalsP;
    clearInterval(ticker);
    await waitForSocketsToDrop(target.hubs);
    if (soakSummary) soakSummary = { ...soakSummary, restart: restartFigures(await target.restartOnSameData()) };

    const summary = judged(options, {
      options,
      ramp,
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
        connectSystemMs: cpuBeforeConnect !== null && cpuAfterConnect !== null ? cpuAfterConnect.system - cpuBeforeConnect.system : null,
        loadByNode:
          nodesBeforeLoad && nodesAfterLoad
            ? nodesAfterLoad.map((after, i) => ({
                total: after.total - (nodesBeforeLoad?.[i]?.total ?? 0),
                system: after.system - (nodesBeforeLoad?.[i]?.system ?? 0),
              }))
            : null,
        loadMs: cpuBeforeLoad !== null && cpuAfterLoad !== null ? cpuAfterLoad.total - cpuBeforeLoad.total : null,
        loadSystemMs: cpuBeforeLoad !== null && cpuAfterLoad !== null ? cpuAfterLoad.system - cpuBeforeLoad.system : null,
        idleMsPerSec: idleCpuMsPerSec,
        loadWallMs: loadEndedAt - loadStartedAt,
      },
      sentAtOf,
      storeCommands: commandsBetween(storeBeforeLoad, storeAfterLoad),
    });
    return { ...summary, ...(churnSummary ? { churn: churnSummary } : {}), ...(soakSummary ? { soak: soakSummary } : {}) };
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
