/**
 * A local cluster as real processes: the embedded store on its own (`npm run db`) or `MONGODB_URI`,
 * a Redis (`REDIS_URL`, or a private `redis-server`) or a Redis Cluster (`REDIS_CLUSTER_NODES`, or a
 * private one of three masters and three replicas), and N hub nodes on their own ports, sharing one
 * DATA_DIR for photos and the signing secret.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, tcpOpen } from '../ports.js';
import { spawnChild, waitUntil, type Child } from './child.js';
import { startRedisCluster, type RedisCluster } from './redis-cluster.js';

export interface ClusterOptions {
  readonly nodes: number;
  readonly engine?: 'uws' | 'ws';
  /** First HTTP port; node i listens on base + 2i (HTTP) and base + 2i + 1 (uws). 0: free ports. */
  readonly basePort?: number;
  readonly dataDir?: string;
  readonly mongodbUri?: string;
  readonly redisUrl?: string;
  /** Join through a Redis Cluster: a private one (three masters, three replicas) when true. */
  readonly redisCluster?: boolean;
  /** An outside Redis Cluster's seed nodes (`host:port,…`); implies `redisCluster`. */
  readonly redisClusterNodes?: string;
  /** Extra environment for every hub node. */
  readonly env?: Readonly<Record<string, string>>;
  /** Print the children's output prefixed with their names. */
  readonly echo?: boolean;
}

export interface ClusterNode {
  readonly id: string;
  readonly url: string;
  readonly realtimeUrl: string;
  readonly child: Child;
  /** Starts the node again (same ports and id) after it stopped or was killed. */
  restart(): Promise<ClusterNode>;
}

export interface Cluster {
  readonly nodes: ClusterNode[];
  readonly mongodbUri: string;
  /** One Redis: its URL; a Redis Cluster: its seed nodes (`host:port,…`). */
  readonly redisUrl: string;
  /** The private Redis Cluster, when one was started. */
  readonly redisCluster: RedisCluster | undefined;
  readonly dataDir: string;
  /** Stops the store process (SIGKILL by default) and starts it again on the same port and dir. */
  restartStore(signal?: NodeJS.Signals): Promise<void>;
  stopStore(signal?: NodeJS.Signals): Promise<void>;
  startStore(): Promise<void>;
  /**
   * Stops and starts the private Redis (same port) or every node of the private Redis Cluster (same
   * ports, same nodes.conf); not possible with an outside Redis.
   */
  restartRedis(): Promise<void>;
  stopRedis(): Promise<void>;
  startRedis(): Promise<void>;
  stop(): Promise<void>;
}

const tsx = ['--import', 'tsx'];

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'kj-cluster-')));
  await fs.mkdir(dataDir, { recursive: true });
  const echo = options.echo ?? false;
  const started: Child[] = [];

  let mongodbUri = options.mongodbUri;
  let storeChild: Child | undefined;
  const storePort = mongodbUri ? 0 : await freePort();
  const startStore = async () => {
    if (options.mongodbUri) return;
    storeChild = spawnChild(
      'store',
      process.execPath,
      [...tsx, 'scripts/db.ts', '--port', String(storePort), '--dir', path.join(dataDir, 'db')],
      process.env,
      echo,
    );
    started.push(storeChild);
    // Like a hub node, the store starts through tsx (loading its code is most of the start): the same budget.
    await waitUntil(storeChild, () => tcpOpen(storePort), 90_000);
  };
  const stopStore = async (signal: NodeJS.Signals = 'SIGKILL') => {
    await storeChild?.stop(signal);
  };
  if (!mongodbUri) {
    await startStore();
    mongodbUri = `mongodb://127.0.0.1:${storePort}/kongjian`;
  }

  const clustered = Boolean(options.redisCluster || options.redisClusterNodes);
  let redisUrl = clustered ? options.redisClusterNodes : options.redisUrl;
  let redisChild: Child | undefined;
  let redisCluster: RedisCluster | undefined;
  const redisPort = redisUrl || clustered ? 0 : await freePort();
  const startRedis = async () => {
    if (options.redisUrl || options.redisClusterNodes) return;
    if (redisCluster) {
      await Promise.all(redisCluster.nodes.map((n) => n.start()));
      await redisCluster.waitHealthy();
      return;
    }
    redisChild = spawnChild(
      'redis',
      'redis-server',
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      process.env,
      echo,
    );
    await waitUntil(redisChild, () => tcpOpen(redisPort));
  };
  const stopRedis = async () => {
    if (redisCluster) await Promise.all(redisCluster.nodes.map((n) => n.kill('SIGKILL')));
    await redisChild?.stop('SIGKILL');
  };
  if (!redisUrl && clustered) {
    redisCluster = await startRedisCluster({ dir: path.join(dataDir, 'redis-cluster') });
    redisUrl = redisCluster.seeds;
  } else if (!redisUrl) {
    await startRedis();
    redisUrl = `redis://127.0.0.1:${redisPort}`;
  }
  // The other variable emptied (read as unset): an inherited one would make the pair a config error.
  const redisEnv = clustered ? { REDIS_CLUSTER_NODES: redisUrl, REDIS_URL: '' } : { REDIS_URL: redisUrl, REDIS_CLUSTER_NODES: '' };

  const secret = randomBytes(24).toString('base64url');
  const prefix = `kj${randomBytes(3).toString('hex')}`;
  const engine = options.engine ?? 'uws';

  const startNode = async (i: number, httpPort: number, wsPort: number, readyWithinMs = 90_000): Promise<ClusterNode> => {
    const id = `node-${i + 1}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(httpPort),
      WS_PORT: String(wsPort),
      REALTIME_ENGINE: engine,
      DATA_DIR: dataDir,
      MONGODB_URI: mongodbUri,
      ...redisEnv,
      REDIS_PREFIX: prefix,
      SECRET: secret,
      NODE_ID: id,
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ...options.env,
    };
    const child = spawnChild(id, process.execPath, [...tsx, 'server/main.ts'], env, echo);
    started.push(child);
    const url = `http://127.0.0.1:${httpPort}`;
    await waitUntil(child, async () => (await fetch(`${url}/api/health`)).ok, readyWithinMs);
    const node: ClusterNode = {
      id,
      url,
      realtimeUrl: engine === 'ws' ? url : `http://127.0.0.1:${wsPort}`,
      child,
      restart: () => startNode(i, httpPort, wsPort),
    };
    return node;
  };

  const ports: Array<{ httpPort: number; wsPort: number }> = [];
  const taken = new Set<number>();
  const base = options.basePort ?? 0;
  for (let i = 0; i < options.nodes; i += 1) {
    if (base) {
      ports.push({ httpPort: base + 2 * i, wsPort: engine === 'ws' ? base + 2 * i : base + 2 * i + 1 });
      continue;
    }
    // Free ports are only free until someone listens: none may be handed out twice before the nodes start.
    let httpPort = await freePort();
    while (taken.has(httpPort)) httpPort = await freePort();
    taken.add(httpPort);
    let wsPort = httpPort;
    if (engine !== 'ws') {
      while (taken.has(wsPort)) wsPort = await freePort();
      taken.add(wsPort);
    }
    ports.push({ httpPort, wsPort });
  }
  // The nodes start side by side, as a deployment starts them (each start is mostly loading code).
  // Nodes starting together share the CPU: each may take what a start alone may, times their number.
  const nodes: ClusterNode[] = await Promise.all(
    ports.map(({ httpPort, wsPort }, i) => startNode(i, httpPort, wsPort, 90_000 * ports.length)),
  );

  return {
    nodes,
    mongodbUri,
    redisUrl,
    redisCluster,
    dataDir,
    startStore,
    stopStore,
    async restartStore(signal: NodeJS.Signals = 'SIGKILL') {
      await stopStore(signal);
      await startStore();
    },
    startRedis,
    stopRedis,
    async restartRedis() {
      await stopRedis();
      await startRedis();
    },
    async stop() {
      // Hub nodes first (they flush through the store), then the store and Redis.
      const hubs = started.filter((c) => c.name.startsWith('node-'));
      await Promise.all(hubs.map((c) => c.stop('SIGTERM')));
      await Promise.all(started.filter((c) => !c.name.startsWith('node-')).map((c) => c.stop('SIGTERM')));
      await redisChild?.stop('SIGTERM');
      await redisCluster?.stop();
      if (!options.dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
