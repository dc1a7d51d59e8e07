/**
 * A private redis-server on a free port (or `REDIS_URL` when given), or a private Redis Cluster
 * (three masters, three replicas; or `REDIS_CLUSTER_NODES` when given), stopped and deleted afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cli, startRedisCluster, type RedisCluster } from '../../scripts/cluster/redis-cluster.js';
import type { RedisTarget } from '../../server/redis.js';
import { freePort } from './ports.js';
import { waitFor } from './wait-for.js';

export interface TestRedis {
  readonly url: string;
  /** Stops the server (a private one only); `restart()` brings it back on the same port. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

async function waitForRedis(port: number, child: ChildProcess): Promise<void> {
  const exited = (): never => {
    throw new Error(`redis-server on ${port} exited at start`);
  };
  await waitFor(async () => (child.exitCode !== null ? exited() : (await cli(port, 'PING').catch(() => '')).trim() === 'PONG'), {
    timeoutMs: 10_000,
    what: `redis-server on ${port} answering PING`,
  });
}

export async function startTestRedis(): Promise<TestRedis> {
  const external = process.env.REDIS_URL;
  if (external) {
    return { url: external, stop: async () => {}, restart: async () => {}, close: async () => {} };
  }
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await waitForRedis(port, child);
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  await start();
  return { url, stop, restart: start, close: stop };
}

export type TestRedisCluster = RedisCluster;

/**
 * A Redis Cluster of three masters and three replicas on free loopback ports (node timeout 2 s, so a
 * killed master's replica takes over within a few seconds). With `REDIS_CLUSTER_NODES` set, that
 * cluster is used instead and nothing is started (then tests that kill nodes are skipped).
 */
export async function startTestRedisCluster(): Promise<TestRedisCluster> {
  const external = process.env.REDIS_CLUSTER_NODES;
  if (external) {
    return {
      nodes: [],
      seeds: external,
      nodeTimeoutMs: 0,
      cli,
      masterOf: () => Promise.reject(new Error('an outside cluster')),
      waitHealthy: async () => {},
      stop: async () => {},
    };
  }
  return startRedisCluster({ masters: 3, replicas: 1, nodeTimeoutMs: 2000 });
}

/**
 * Resolves once `replicas` replicas are attached to their masters and synced (`master_link_status:up`):
 * a master killed before its replica finished syncing could not fail over.
 */
export async function waitForReplicas(cluster: TestRedisCluster, replicas: number, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    async () => {
      const running = cluster.nodes.filter((n) => n.running);
      const infos = await Promise.all(running.map((n) => cluster.cli(n.port, 'INFO', 'replication').catch(() => '')));
      return infos.filter((i) => i.includes('role:slave') && i.includes('master_link_status:up')).length >= replicas;
    },
    { timeoutMs, intervalMs: 100, what: `${replicas} synced Redis Cluster replicas` },
  );
}

/** The two ways a hub joins a cluster: one Redis, or a Redis Cluster (tests run on both). */
export type RedisSetupKind = 'one Redis' | 'Redis Cluster';
export const redisSetups: readonly RedisSetupKind[] = ['one Redis', 'Redis Cluster'];

export interface TestRedisSetup {
  readonly kind: RedisSetupKind;
  /** What `startTestHub` needs to join it. */
  readonly hub: { readonly redisUrl: string } | { readonly redisClusterNodes: string };
  /** The same as hub environment (`REDIS_URL` or `REDIS_CLUSTER_NODES`), for real processes. */
  readonly env: Readonly<Record<string, string>>;
  /** For a client of one's own (`connectRedis`). */
  readonly target: RedisTarget;
  readonly single?: TestRedis;
  readonly cluster?: TestRedisCluster;
  close(): Promise<void>;
}

export async function startTestRedisSetup(kind: RedisSetupKind): Promise<TestRedisSetup> {
  if (kind === 'one Redis') {
    const single = await startTestRedis();
    return {
      kind,
      hub: { redisUrl: single.url },
      env: { REDIS_URL: single.url },
      target: { url: single.url },
      single,
      close: () => single.close(),
    };
  }
  const cluster = await startTestRedisCluster();
  return {
    kind,
    hub: { redisClusterNodes: cluster.seeds },
    env: { REDIS_CLUSTER_NODES: cluster.seeds },
    target: { clusterNodes: cluster.seeds.split(',') },
    cluster,
    close: () => cluster.stop(),
  };
}
