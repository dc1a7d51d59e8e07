/**
 * A local Redis Cluster as real processes: `masters` × (1 + `replicas`) `redis-server --cluster-enabled`
 * on free loopback ports (each with its own bus port, Redis ≥ 7 `cluster-port`), joined with
 * `redis-cli --cluster create`, ready once every node says `cluster_state:ok`. Used by the tests, the
 * cluster runner (`npm run cluster -- --redis-cluster`) and the adapter benchmark. Admin look-ups go
 * through `redis-cli`, so this file needs no Redis client.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, tcpOpen } from '../ports.js';

const run = promisify(execFile);

export interface RedisClusterOptions {
  readonly masters?: number;
  readonly replicas?: number;
  /** `cluster-node-timeout`: how long a master may be unreachable before its replica takes over. */
  readonly nodeTimeoutMs?: number;
  /** Where the nodes keep their `nodes.conf`; a fresh temporary directory when unset (deleted on stop). */
  readonly dir?: string;
}

export interface RedisClusterNode {
  readonly port: number;
  readonly address: string;
  /** The process is running (not killed or stopped). */
  readonly running: boolean;
  /** Process id of the running server (CPU sampling). */
  readonly pid: number | undefined;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same ports with the same `nodes.conf`: it rejoins the cluster. */
  start(): Promise<void>;
}

export interface RedisCluster {
  readonly nodes: readonly RedisClusterNode[];
  /** `host:port,host:port,…`: the value of `REDIS_CLUSTER_NODES`. */
  readonly seeds: string;
  readonly nodeTimeoutMs: number;
  /** The node currently serving as master for the slot of `keyOrChannel` (hash tags honoured). */
  masterOf(keyOrChannel: string): Promise<RedisClusterNode>;
  /** Resolves once every running node reports `cluster_state:ok` and all slots are served. */
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** `redis-cli` against one node, e.g. `cli(port, 'INFO', 'stats')`. */
  cli(port: number, ...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

export async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 10_000 });
  return stdout;
}

export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const masters = options.masters ?? 3;
  const replicas = options.replicas ?? 1;
  const nodeTimeoutMs = options.nodeTimeoutMs ?? 2000;
  const dir = options.dir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'kj-redis-cluster-')));
  await fs.mkdir(dir, { recursive: true });
  const count = masters * (1 + replicas);
  const ports: Array<{ port: number; bus: number }> = [];
  const taken = new Set<number>();
  while (ports.length < count) {
    const port = await freePort();
    const bus = await freePort();
    if (port === bus || taken.has(port) || taken.has(bus)) continue;
    taken.add(port).add(bus);
    ports.push({ port, bus });
  }

  const nodes = ports.map(({ port, bus }) => {
    let child: ChildProcess | undefined;
    const node: RedisClusterNode = {
      port,
      address: `127.0.0.1:${port}`,
      get running() {
        return Boolean(child && child.exitCode === null && child.signalCode === null);
      },
      get pid() {
        return node.running ? child?.pid : undefined;
      },
      async start() {
        if (node.running) return;
        child = spawn(
          'redis-server',
          [
            '--port',
            String(port),
            '--cluster-port',
            String(bus),
            '--bind',
            '127.0.0.1',
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            `nodes-${port}.conf`,
            '--cluster-node-timeout',
            String(nodeTimeoutMs),
            '--dir',
            dir,
            '--save',
            '',
            '--appendonly',
            'no',
            // A replica's full sync starts at once (Redis 7 waits 5 s for more replicas to share it):
            // a restarted master rejoins as a replica and must be synced before the next failover.
            '--repl-diskless-sync-delay',
            '0',
            '--dbfilename',
            `dump-${port}.rdb`,
            '--logfile',
            path.join(dir, `redis-${port}.log`),
          ],
          { stdio: 'ignore' },
        );
        const deadline = Date.now() + 10_000;
        while (!(await tcpOpen(port))) {
          if (!node.running) throw new Error(`redis-server on ${port} exited at start`);
          if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start`);
          await new Promise((r) => setTimeout(r, 25));
        }
      },
      async kill(signal: NodeJS.Signals = 'SIGKILL') {
        const c = child;
        if (!c || !node.running) return;
        await new Promise<void>((resolve) => {
          c.once('exit', () => resolve());
          c.kill(signal);
        });
      },
    };
    return node;
  });

  const cluster: RedisCluster = {
    nodes,
    seeds: nodes.map((n) => n.address).join(','),
    nodeTimeoutMs,
    cli,
    async masterOf(keyOrChannel) {
      const live = nodes.find((n) => n.running);
      if (!live) throw new Error('no Redis Cluster node is running');
      const slot = Number((await cli(live.port, 'CLUSTER', 'KEYSLOT', keyOrChannel)).trim());
      // CLUSTER NODES: "<id> <ip:port@bus> <flags> <master> <ping> <pong> <epoch> <link> <slots…>"
      for (const line of (await cli(live.port, 'CLUSTER', 'NODES')).split('\n')) {
        const [, address, flags, , , , , , ...slots] = line.split(' ');
        if (!address || !flags?.includes('master') || flags.includes('fail')) continue;
        const owns = slots.some((range) => {
          const [from, to = from] = range.split('-').map(Number);
          return from !== undefined && to !== undefined && slot >= from && slot <= to;
        });
        if (owns) {
          const port = Number(address.split('@')[0]!.split(':')[1]);
          const node = nodes.find((n) => n.port === port);
          if (node) return node;
        }
      }
      throw new Error(`no master serves slot ${slot}`);
    },
    async waitHealthy(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const states = await Promise.all(nodes.filter((n) => n.running).map((n) => cli(n.port, 'CLUSTER', 'INFO').catch(() => '')));
        if (states.every((s) => s.includes('cluster_state:ok') && s.includes('cluster_slots_ok:16384'))) return;
        if (Date.now() > deadline) throw new Error(`Redis Cluster not healthy in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
      if (!options.dir) await fs.rm(dir, { recursive: true, force: true });
    },
  };

  try {
    await Promise.all(nodes.map((n) => n.start()));
    await run(
      'redis-cli',
      ['--cluster', 'create', ...nodes.map((n) => n.address), '--cluster-replicas', String(replicas), '--cluster-yes'],
      { timeout: 30_000 },
    );
    await cluster.waitHealthy();
    // A replica that never finished its first sync cannot take over: wait until every one has.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const infos = await Promise.all(nodes.map((n) => cli(n.port, 'INFO', 'replication')));
      const synced = infos.filter((i) => i.includes('role:slave') && i.includes('master_link_status:up'));
      if (synced.length === masters * replicas) break;
      if (Date.now() > deadline) throw new Error('Redis Cluster replicas did not sync');
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}
