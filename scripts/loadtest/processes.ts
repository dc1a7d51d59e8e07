/**
 * The processes a self-contained run starts: hub nodes (hub-child.ts), a shared store process
 * (`npm run db`) and a private redis-server for clusters. Each is stopped by the pid it was
 * given, never by name.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../ports.js';
import type { HubChildCommand, HubChildMessage } from './hub-child.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');

/** Every child still running: killed if the load tester exits without stopping them (Ctrl-C, crash). */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Resident memory of a process, from /proc (Linux); 0 where it cannot be read. */
export function readRssBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface HubNode {
  readonly pid: number;
  readonly logFile: string;
  readonly url: string;
  readonly realtimeUrl: string;
  /** The last stats the node reported (memory, event-loop delay, sockets). */
  lastStats: Extract<HubChildMessage, { type: 'stats' }> | undefined;
  onStats(listener: (s: Extract<HubChildMessage, { type: 'stats' }>) => void): void;
  /** Forces two full GCs in the node and answers its memory afterwards. */
  gcAndMeasure(): Promise<NodeJS.MemoryUsage>;
  /** CPU time (user, and system: the kernel's work for it) the node's process has used so far, in microseconds. */
  cpuMicros(): Promise<NodeJS.CpuUsage>;
  stop(): Promise<void>;
}

export interface HubNodeOptions {
  readonly env: Readonly<Record<string, string>>;
  readonly profileDir?: string;
  readonly label: string;
  /** Where the node's stdout and stderr go (`<label>.log`). */
  readonly logDir: string;
  /** The checkout whose hub runs (default: this one); it gets this generator's hub-child.ts. */
  readonly hubRoot?: string;
}

/** Starts one hub node and resolves once it accepts requests and sockets. */
export function startHubNode(options: HubNodeOptions): Promise<HubNode> {
  const execArgv = ['--import', 'tsx', '--expose-gc'];
  if (options.profileDir) {
    // One folder per node: V8 writes a profile per thread (the main one is the largest).
    const dir = path.resolve(options.profileDir, options.label);
    fs.mkdirSync(dir, { recursive: true });
    execArgv.push('--cpu-prof', '--cpu-prof-dir', dir);
  }
  const root = options.hubRoot ? path.resolve(options.hubRoot) : repoRoot;
  if (root !== repoRoot) fs.copyFileSync(path.join(here, 'hub-child.ts'), path.join(root, 'scripts/loadtest/hub-child.ts'));
  const child = track(
    fork(path.join(root, 'scripts/loadtest/hub-child.ts'), [], {
      cwd: root,
      execArgv,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
  );
  // The hub's log goes to a file, so a run's output stays readable; the summary names the file.
  const logFile = path.join(options.logDir, `${options.label}.log`);
  const logStream = fs.createWriteStream(logFile);
  child.stdout?.pipe(logStream);
  child.stderr?.pipe(logStream);
  return new Promise((resolve, reject) => {
    const statsListeners: Array<(s: Extract<HubChildMessage, { type: 'stats' }>) => void> = [];
    let memoryWaiter: ((m: NodeJS.MemoryUsage) => void) | undefined;
    const cpuWaiters: Array<(cpu: NodeJS.CpuUsage) => void> = [];
    const failed = (code: number | null) => reject(new Error(`hub ${options.label} exited (${code}) before it was ready`));
    child.once('exit', failed);
    child.on('message', (m: HubChildMessage) => {
      if (m.type === 'ready') {
        child.off('exit', failed);
        const node: HubNode = {
          pid: m.pid,
          logFile,
          url: m.url,
          realtimeUrl: m.realtimeUrl,
          lastStats: undefined,
          onStats: (l) => statsListeners.push(l),
          gcAndMeasure: () =>
            new Promise((res) => {
              memoryWaiter = res;
              child.send({ type: 'gc' } satisfies HubChildCommand);
            }),
          cpuMicros: () =>
            new Promise((res) => {
              cpuWaiters.push(res);
              child.send({ type: 'cpu' } satisfies HubChildCommand);
            }),
          stop: () => stopChild(child),
        };
        resolve(node);
        child.on('message', (s: HubChildMessage) => {
          if (s.type === 'stats') {
            node.lastStats = s;
            for (const l of statsListeners) l(s);
          } else if (s.type === 'memory') {
            memoryWaiter?.(s.memory);
            memoryWaiter = undefined;
          } else if (s.type === 'cpu') cpuWaiters.shift()?.(s.cpu);
        });
      }
    });
  });
}

export interface StoreProcess {
  readonly pid: number;
  /** mongodb:// URI with the database name. */
  readonly uri: string;
  stop(): Promise<void>;
}

/** Runs `npm run db -- --port P --dir D` (as its node command, so the pid is the store's own). */
export async function startStoreProcess(dir: string): Promise<StoreProcess> {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', 'scripts/db.ts', '--port', String(port), '--dir', dir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('embedded store ready')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`store process exited (${code}): ${out}`)));
  });
  return { pid: child.pid ?? 0, uri: `mongodb://127.0.0.1:${port}/kongjian`, stop: () => stopChild(child) };
}

export interface RedisProcess {
  readonly pid: number;
  /** One Redis: its URL; a Redis Cluster: its seed nodes (`host:port,…`, what `redisTraffic` takes). */
  readonly url: string;
  /** How a hub joins it: `REDIS_URL` or `REDIS_CLUSTER_NODES`. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** A private Redis Cluster (three masters, three replicas) on free loopback ports. */
export async function startRedisClusterProcesses(): Promise<RedisProcess> {
  const { startRedisCluster } = await import('../cluster/redis-cluster.js');
  const cluster = await startRedisCluster({ masters: 3, replicas: 1 });
  return { pid: cluster.nodes[0]?.pid ?? 0, url: cluster.seeds, env: { REDIS_CLUSTER_NODES: cluster.seeds }, stop: () => cluster.stop() };
}

/** A private redis-server on a free port, without persistence. */
export async function startRedisProcess(): Promise<RedisProcess> {
  const { cli } = await import('../cluster/redis-cluster.js');
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const child = track(
    spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    }),
  );
  const deadline = Date.now() + 10_000;
  while ((await cli(port, 'PING').catch(() => '')).trim() !== 'PONG') {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`redis-server on ${port} did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { pid: child.pid ?? 0, url, env: { REDIS_URL: url }, stop: () => stopChild(child, 5_000) };
}

export interface RedisTraffic {
  readonly outputBytes: number;
  readonly inputBytes: number;
  readonly commands: number;
  /** Commands processed by masters only: what the hubs sent (a replica also counts each one it replays). */
  readonly masterCommands: number;
  /** CPU seconds (user + system) each server has used so far, by `host:port`: the busiest one is the limit. */
  readonly cpuSecondsByServer: Readonly<Record<string, number>>;
  /** Calls so far by command (`INFO commandstats`), summed over the masters: what the commands are. */
  readonly callsByCommand: Readonly<Record<string, number>>;
  /** When it was read (`Date.now()`). */
  readonly at: number;
}

/**
 * `INFO` counters of every server of `url` (one Redis) or of a comma-separated list of `host:port`
 * (the nodes of a Redis Cluster): bytes out/in and commands processed so far, summed (commands also
 * over the masters alone, and by command there); and each server's CPU time (microsecond
 * resolution, unlike /proc's 10 ms ticks).
 */
export async function redisTraffic(url: string): Promise<RedisTraffic> {
  const { cli } = await import('../cluster/redis-cluster.js');
  const ports = url.startsWith('redis://') ? [Number(new URL(url).port || 6379)] : url.split(',').map((n) => Number(n.split(':')[1]));
  const total = { outputBytes: 0, inputBytes: 0, commands: 0, masterCommands: 0 };
  const cpuSecondsByServer: Record<string, number> = {};
  const callsByCommand: Record<string, number> = {};
  for (const port of ports) {
    const info = await cli(port, 'INFO', 'stats', 'cpu', 'commandstats', 'replication');
    const master = /^role:master/m.test(info);
    const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
    total.outputBytes += field('total_net_output_bytes');
    total.inputBytes += field('total_net_input_bytes');
    total.commands += field('total_commands_processed');
    cpuSecondsByServer[`127.0.0.1:${port}`] = field('used_cpu_sys') + field('used_cpu_user');
    if (!master) continue;
    total.masterCommands += field('total_commands_processed');
    for (const [, command, calls] of info.matchAll(/^cmdstat_([\w|-]+):calls=(\d+)/gm)) {
      callsByCommand[command!] = (callsByCommand[command!] ?? 0) + Number(calls);
    }
  }
  return { ...total, cpuSecondsByServer, callsByCommand, at: Date.now() };
}
