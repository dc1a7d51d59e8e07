/**
 * What a run tests: hubs the load tester starts (seeded in bulk straight into their store), or a
 * running hub at `--url` (seeded over REST). Either way: URLs, seeded users, memory probes, a stop.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FriendGraph } from './friend-graph.js';
import { histogramBuckets, httpJson, hubClient, metricValue, quantileBetween } from './http.js';
import type { LoadTestOptions } from './options.js';
import {
  readRssBytes,
  redisTraffic,
  startHubNode,
  startRedisClusterProcesses,
  startRedisProcess,
  startStoreProcess,
  type HubNode,
  type RedisProcess,
  type RedisTraffic,
  type StoreProcess,
} from './processes.js';
import { seedStore, seedViaApi, type SeededUser } from './seed.js';
import { sourceIpsFor } from './source-address.js';

/** Hub CPU time in milliseconds: all of it, and the part spent in the kernel on its behalf (system time). */
export interface CpuMs {
  readonly total: number;
  readonly system: number;
}

export interface Target {
  readonly description: string;
  readonly baseUrls: readonly string[];
  readonly realtimeUrls: readonly string[];
  readonly users: readonly SeededUser[];
  readonly hubs: readonly HubNode[];
  /** Resident memory of the hub processes now (bytes), summed; null if it cannot be known. */
  serverRss(): Promise<number | null>;
  /** V8 heap used by the hubs after a forced GC; null when the hubs are not ours. */
  heapAfterGc(): Promise<number | null>;
  /** CPU the hub processes used so far (ms, summed, read from the hubs): in all, and the kernel's part. null: they do not tell. */
  hubCpuMs(): Promise<CpuMs | null>;
  /** The same per hub process, in node order; null when the hubs are not ours. */
  hubCpuMsByNode(): Promise<CpuMs[] | null>;
  storeRss(): number | null;
  /** The hub's event-loop delay p99 (ms) over the last second, if the hub tells. */
  hubEventLoopP99(): Promise<number | null>;
  readonly eventLoopSource: string;
  redisTraffic(): Promise<RedisTraffic | null>;
  /**
   * One hub on its own embedded store, started here: its RSS now (after a full GC), then the same of a
   * fresh hub started on the same data in its place (issue #35's "within 1.25× of a fresh process").
   * Null for a cluster, a store process or a hub at --url.
   */
  restartOnSameData(): Promise<{ readonly rssBytes: number; readonly freshRssBytes: number } | null>;
  stop(): Promise<void>;
}

export async function prepareTarget(
  options: LoadTestOptions,
  graph: FriendGraph,
  handlePrefix: string,
  log: (line: string) => void,
): Promise<Target> {
  return options.url ? remoteTarget(options, graph, handlePrefix, log) : ownTarget(options, graph, handlePrefix, log);
}

async function remoteTarget(options: LoadTestOptions, graph: FriendGraph, prefix: string, log: (line: string) => void): Promise<Target> {
  const base = options.url!.replace(/\/$/, '');
  const cfg = await hubClient(base).request('GET /config');
  if (!cfg.ok) throw new Error(`GET ${base}/api/config answered ${cfg.status}`);
  const users = await seedViaApi(base, graph, prefix, sourceIpsFor([base], options.sourceIps), log);
  const metrics = async (): Promise<string | null> => {
    for (const p of ['/metrics', '/api/metrics']) {
      try {
        const token = process.env.METRICS_TOKEN; // the hub answers /metrics to loopback peers or this bearer
        const res = await httpJson<string>(base, 'GET', p, {
          timeoutMs: 2_000,
          ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
        });
        if (res.status === 200 && typeof res.body === 'string') return res.body;
      } catch {
        // try the next
      }
    }
    return null;
  };
  const hasMetrics = (await metrics()) !== null;
  let lastLoopBuckets: Map<number, number> | undefined;
  return {
    description: base,
    baseUrls: [base],
    realtimeUrls: [cfg.body.realtimeUrl],
    users,
    hubs: [],
    serverRss: async () => {
      const text = await metrics();
      return text
        ? (metricValue(text, 'kj_process_resident_memory_bytes') ?? metricValue(text, 'process_resident_memory_bytes') ?? null)
        : null;
    },
    heapAfterGc: () => Promise.resolve(null),
    hubCpuMsByNode: () => Promise.resolve(null),
    hubCpuMs: async () => {
      const text = await metrics();
      if (!text) return null;
      const total = metricValue(text, 'kj_process_cpu_seconds_total') ?? metricValue(text, 'process_cpu_seconds_total');
      const system = metricValue(text, 'kj_process_cpu_system_seconds_total') ?? metricValue(text, 'process_cpu_system_seconds_total');
      return total === undefined ? null : { total: total * 1000, system: (system ?? 0) * 1000 };
    },
    storeRss: () => null,
    hubEventLoopP99: async () => {
      const text = await metrics();
      if (!text) return null;
      // The hub's histogram is cumulative (other scrapers see it too): the p99 of this interval is
      // read from the difference with the previous scrape.
      const buckets = histogramBuckets(text, 'kj_event_loop_delay_seconds');
      if (buckets.size === 0) {
        const v = metricValue(text, 'kj_nodejs_eventloop_lag_p99_seconds') ?? metricValue(text, 'nodejs_eventloop_lag_p99_seconds');
        return v === undefined ? null : v * 1000;
      }
      const before = lastLoopBuckets;
      lastLoopBuckets = buckets;
      const v = before ? quantileBetween(before, buckets, 0.99) : undefined;
      return v === undefined ? null : v * 1000;
    },
    eventLoopSource: hasMetrics ? 'hub /metrics' : 'none (the hub has no /metrics; see the generator figure)',
    redisTraffic: () => Promise.resolve(null),
    restartOnSameData: () => Promise.resolve(null),
    stop: () => Promise.resolve(),
  };
}

async function ownTarget(options: LoadTestOptions, graph: FriendGraph, prefix: string, log: (line: string) => void): Promise<Target> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-loadtest-'));
  const secret = randomBytes(24).toString('hex');
  const cluster = options.nodes > 1;
  // Hub logs outlive the run's data directory, for a look afterwards.
  const logDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-loadtest-logs-'));
  let store: StoreProcess | undefined;
  let redis: RedisProcess | undefined;
  const hubs: HubNode[] = [];
  const stop = async () => {
    await Promise.allSettled(hubs.map((h) => h.stop()));
    await Promise.allSettled([store?.stop(), redis?.stop()]);
    await fs.rm(root, { recursive: true, force: true });
  };
  try {
    let users: SeededUser[];
    let mongodbUri: string | undefined;
    if (cluster || options.storeProcess) {
      store = await startStoreProcess(path.join(root, 'db'));
      if (cluster) redis = options.redisCluster ? await startRedisClusterProcesses() : await startRedisProcess();
      mongodbUri = store.uri;
      users = await seedStore(store.uri, graph, prefix, secret, log, options.scenario === 'celebrity');
    } else {
      // One node, as `npm start` runs it: its own embedded store in DATA_DIR, seeded before it starts.
      const { startEmbeddedStore } = await import('../../server/db/embedded/index.js');
      const embedded = await startEmbeddedStore({ dir: path.join(root, 'node0', 'db') });
      try {
        users = await seedStore(`${embedded.uri}/kongjian`, graph, prefix, secret, log, options.scenario === 'celebrity');
      } finally {
        await embedded.close();
      }
    }
    const envOf = (i: number): Record<string, string> => {
      const env: Record<string, string> = {
        PORT: '0',
        WS_PORT: '0',
        HOST: '127.0.0.1',
        REALTIME_ENGINE: options.engine,
        DATA_DIR: path.join(root, `node${i}`),
        LOG_LEVEL: 'warn',
        RATE_LIMIT_SCALE: '100000',
        // Thousands of sockets from a few 127.0.0.x addresses, many still signing in at once.
        SOCKET_HANDSHAKES_PER_ADDRESS: '10000000',
        SOCKET_PENDING_MAX: '1000000',
        // Thousands of sockets come from each of a few 127.0.0.x addresses (ws engine: on the HTTP port).
        CONNECTIONS_PER_ADDRESS: '1000000',
        SECRET: secret,
        NODE_ID: `lt-node${i}`,
      };
      if (mongodbUri) env.MONGODB_URI = mongodbUri;
      if (redis) {
        Object.assign(env, redis.env);
        env.REDIS_PREFIX = 'lt';
      }
      return env;
    };
    const nodeOptions = (i: number, label = `hub${i}-${options.engine}`) => ({
      env: envOf(i),
      label,
      logDir,
      ...(options.profileDir ? { profileDir: options.profileDir } : {}),
      ...(options.hubRoot ? { hubRoot: options.hubRoot } : {}),
    });
    for (let i = 0; i < options.nodes; i++) hubs.push(await startHubNode(nodeOptions(i)));
    log(`hub logs: ${logDir}`);
    log(
      `started ${hubs.length} hub node(s) on ${options.engine}${cluster ? ' through Redis' : ''}: ${hubs.map((h) => h.realtimeUrl).join(', ')}`,
    );
    return {
      description: `${options.nodes} node(s), ${options.engine}, started by the load tester${options.hubRoot ? ` from ${options.hubRoot}` : ''}`,
      baseUrls: hubs.map((h) => h.url),
      realtimeUrls: hubs.map((h) => h.realtimeUrl),
      users,
      hubs,
      serverRss: () => Promise.resolve(hubs.reduce((sum, h) => sum + readRssBytes(h.pid), 0)),
      heapAfterGc: async () => (await Promise.all(hubs.map((h) => h.gcAndMeasure()))).reduce((s, m) => s + m.heapUsed, 0),
      hubCpuMs: async () =>
        (await Promise.all(hubs.map((h) => h.cpuMicros()))).reduce(
          (s, us) => ({ total: s.total + (us.user + us.system) / 1000, system: s.system + us.system / 1000 }),
          { total: 0, system: 0 },
        ),
      hubCpuMsByNode: async () =>
        (await Promise.all(hubs.map((h) => h.cpuMicros()))).map((us) => ({
          total: (us.user + us.system) / 1000,
          system: us.system / 1000,
        })),
      storeRss: () => (store ? readRssBytes(store.pid) : null),
      hubEventLoopP99: () => {
        const values = hubs.map((h) => h.lastStats?.eventLoop.p99Ms).filter((v): v is number => v !== undefined);
        return Promise.resolve(values.length ? Math.max(...values) : null);
      },
      eventLoopSource: 'hub process (monitorEventLoopDelay)',
      redisTraffic: async () => (redis ? redisTraffic(redis.url) : null),
      restartOnSameData: async () => {
        if (hubs.length !== 1 || store) return null;
        await hubs[0]!.gcAndMeasure();
        const rssBytes = readRssBytes(hubs[0]!.pid);
        await hubs[0]!.stop();
        hubs[0] = await startHubNode(nodeOptions(0, `hub0-${options.engine}-fresh`));
        await hubs[0].gcAndMeasure();
        return { rssBytes, freshRssBytes: readRssBytes(hubs[0].pid) };
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
