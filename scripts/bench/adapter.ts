/**
 * `npm run bench -- adapter [users] [messages]`: three Socket.IO nodes joined by the sharded Redis
 * adapter (node-redis, the hub's own `connectRedis` + `createClusterAdapter`), over one Redis and over
 * a Redis Cluster of three masters and three replicas, in the same run. `users` clients are spread
 * over the three nodes, each in its own user room; the nodes take turns sending to a random room, so
 * about two thirds of the deliveries cross nodes. Reports, per setup:
 * - deliveries/s with `messages` sent as fast as the adapter takes them (a bounded window in flight);
 * - cross-node latency p50/p99 at a paced 1,000 messages/s (no queueing behind the burst);
 * - Redis bytes (in + out, every server) and commands per delivery, from `INFO stats` before and
 *   after the burst, and on the cluster the bus messages (a sharded message reaches the shard's
 *   replicas over the cluster bus, which `INFO stats` does not count) from `CLUSTER INFO`;
 * - CPU of the busiest Redis process during the burst (`/proc/<pid>/stat`), in % of one core and
 *   in CPU-milliseconds per 1,000 deliveries.
 * All three nodes and the clients share this one process, so deliveries/s is bounded by Node here,
 * not by Redis: the Redis figures per delivery are what carries over to a bigger deployment.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import pino from 'pino';
import { createClusterAdapter } from '../../server/realtime/adapter.js';
import { connectRedis, type RedisClients, type RedisTarget } from '../../server/redis.js';
import { cli, startRedisCluster } from '../cluster/redis-cluster.js';
import { startRedisProcess } from '../loadtest/processes.js';
import { intArg, parseCli } from '../cli-args.js';

const logger = pino({ level: 'silent' });
const nodeCount = 3;

interface RedisUnderTest {
  readonly name: string;
  readonly target: RedisTarget;
  /** Every server's port and pid (masters and replicas). */
  servers(): Array<{ port: number; pid: number | undefined }>;
  stop(): Promise<void>;
}

async function oneRedis(): Promise<RedisUnderTest> {
  const redis = await startRedisProcess();
  const port = Number(new URL(redis.url).port);
  return { name: 'one Redis', target: { url: redis.url }, servers: () => [{ port, pid: redis.pid }], stop: () => redis.stop() };
}

async function redisCluster(): Promise<RedisUnderTest> {
  const cluster = await startRedisCluster({ masters: 3, replicas: 1 });
  return {
    name: 'Redis Cluster (3 masters + 3 replicas)',
    target: { clusterNodes: cluster.seeds.split(',') },
    servers: () => cluster.nodes.map((n) => ({ port: n.port, pid: n.pid })),
    stop: () => cluster.stop(),
  };
}

async function startNode(index: number, redis: RedisClients, prefix: string) {
  const httpServer = http.createServer();
  const io = new Server(httpServer);
  io.adapter(createClusterAdapter('sharded', redis, prefix).adapter);
  io.on('connection', (socket) => {
    const room: unknown = socket.handshake.auth.room;
    if (typeof room === 'string') void socket.join(room);
  });
  const port = await new Promise<number>((resolve) =>
    httpServer.listen(0, '127.0.0.1', () => resolve((httpServer.address() as { port: number }).port)),
  );
  return { index, io, port, close: () => io.close() };
}

async function cpuTicks(pid: number | undefined): Promise<number> {
  if (!pid) return 0;
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11] ?? 0) + Number(fields[12] ?? 0); // utime + stime, in clock ticks (1/100 s)
}

async function redisStats(under: RedisUnderTest) {
  const servers = under.servers();
  const infos = await Promise.all(servers.map((s) => cli(s.port, 'INFO', 'stats').catch(() => '')));
  const clusterInfos = await Promise.all(servers.map((s) => cli(s.port, 'CLUSTER', 'INFO').catch(() => '')));
  const field = (info: string, name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  const ticks = await Promise.all(servers.map((s) => cpuTicks(s.pid)));
  return {
    bytes: infos.reduce((sum, i) => sum + field(i, 'total_net_input_bytes') + field(i, 'total_net_output_bytes'), 0),
    // A sharded message reaches the shard's replicas over the cluster bus (not counted in net bytes).
    busMessages: clusterInfos.reduce((sum, i) => sum + field(i, 'cluster_stats_messages_sent'), 0),
    commands: infos.reduce((sum, i) => sum + field(i, 'total_commands_processed'), 0),
    ticks,
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function measure(under: RedisUnderTest, users: number, messages: number) {
  const prefix = `bench${Date.now()}`;
  const clients = Array.from({ length: nodeCount }, () => connectRedis(under.target, logger));
  await Promise.all(clients.map((c) => c.ready));
  const nodes = await Promise.all(clients.map((c, i) => startNode(i, c, prefix)));
  const sockets: Array<{ socket: Socket; node: number }> = await Promise.all(
    Array.from({ length: users }, (_, i) => {
      const node = i % nodeCount;
      const socket = connect(`http://127.0.0.1:${nodes[node]!.port}`, {
        transports: ['websocket'],
        auth: { room: `u:${i}` },
        forceNew: true,
      });
      return new Promise<{ socket: Socket; node: number }>((resolve) => socket.once('connect', () => resolve({ socket, node })));
    }),
  );
  await new Promise((r) => setTimeout(r, 500)); // let the room subscriptions settle

  // Burst: every node sends in turn to every room, at most `window` undelivered at a time.
  let delivered = 0;
  let wake: (() => void) | undefined;
  for (const { socket } of sockets) {
    socket.on('m', () => {
      delivered += 1;
      wake?.();
    });
  }
  const window = 2_000;
  const before = await redisStats(under);
  const started = performance.now();
  for (let i = 0; i < messages; i += 1) {
    while (i - delivered >= window) await new Promise<void>((resolve) => (wake = resolve));
    nodes[i % nodeCount]!.io.to(`u:${Math.floor(Math.random() * users)}`).emit('m', i);
    if (i % 200 === 199) await new Promise((r) => setImmediate(r)); // let replies in
  }
  while (delivered < messages) await new Promise<void>((resolve) => (wake = resolve));
  const seconds = (performance.now() - started) / 1000;
  const after = await redisStats(under);

  // Paced: 1,000 messages/s for 3 s, latency of the ones that crossed nodes.
  const crossing: number[] = [];
  for (const { socket, node } of sockets) {
    socket.on('t', (from: number, sentAt: number) => {
      if (from !== node) crossing.push(performance.now() - sentAt);
    });
  }
  for (let i = 0; i < 3_000; i += 1) {
    const from = i % nodeCount;
    nodes[from]!.io.to(`u:${Math.floor(Math.random() * users)}`).emit('t', from, performance.now());
    if (i % 10 === 9) await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 500));
  crossing.sort((a, b) => a - b);

  for (const { socket } of sockets) socket.close();
  await Promise.all(nodes.map((n) => n.close()));
  await Promise.all(clients.map((c) => c.close()));
  const busiest = Math.max(...after.ticks.map((t, i) => t - (before.ticks[i] ?? 0)));
  return {
    redis: under.name,
    users,
    messages,
    deliveriesPerSecond: Math.round(messages / seconds),
    crossNodeP50ms: Number(percentile(crossing, 0.5).toFixed(2)),
    crossNodeP99ms: Number(percentile(crossing, 0.99).toFixed(2)),
    crossNodeSamples: crossing.length,
    redisBytesPerDelivery: Math.round((after.bytes - before.bytes) / messages),
    clusterBusMessagesPerDelivery: Number(((after.busMessages - before.busMessages) / messages).toFixed(2)),
    redisCommandsPerDelivery: Number(((after.commands - before.commands) / messages).toFixed(2)),
    busiestRedisCpuPercent: Number((busiest / seconds).toFixed(1)),
    // Ticks are 10 ms: per 1,000 deliveries, so setups that ran at different rates compare.
    busiestRedisCpuMsPer1kDeliveries: Number(((busiest * 10) / (messages / 1000)).toFixed(1)),
  };
}

export const benchCli = {
  usage: `usage: npm run bench -- adapter [users] [messages]

Three Socket.IO nodes joined by the sharded Redis adapter, over one Redis and over a Redis Cluster
(3 masters + 3 replicas): deliveries/s, cross-node latency, Redis bytes and commands per delivery.

  users      clients spread over the three nodes (default 300)
  messages   messages sent in the burst (default 30000)`,
  options: {},
  positionals: true,
} as const;

export async function run(args: string[]): Promise<unknown> {
  const { positionals } = parseCli(benchCli, args);
  const users = intArg(positionals[0], '[users]', 1, 1_000_000) ?? 300;
  const messages = intArg(positionals[1], '[messages]', 1, 100_000_000) ?? 30_000;
  const results = [];
  const single = await oneRedis();
  const cluster = await redisCluster();
  try {
    // Alternated, twice each, so a change in the machine's load hits both setups alike.
    for (const under of [single, cluster, single, cluster]) {
      const result = await measure(under, users, messages);
      results.push(result);
      console.log(JSON.stringify(result));
    }
    return results;
  } finally {
    await Promise.all([single.stop(), cluster.stop()]);
  }
}
