/**
 * `npm run bench -- adapter [users] [messages]`: cross-node delivery through each Redis adapter.
 * Two Socket.IO servers share a private Redis; `users` clients sit on node B, each in its own user
 * room; node A sends `messages` events round-robin to those rooms. Reports messages per second and
 * the latency of a round trip under that load, per adapter.
 */
import http from 'node:http';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import pino from 'pino';
import { createClusterAdapter, type RedisAdapterKind } from '../../server/realtime/adapter.js';
import { connectRedis, type RedisClients } from '../../server/redis.js';
import { startTestRedis } from '../../test/helpers/redis.js';

function clients(url: string): RedisClients {
  return connectRedis({ url }, pino({ level: 'silent' }));
}

async function startNode(kind: RedisAdapterKind, redis: RedisClients, prefix: string) {
  const httpServer = http.createServer();
  const io = new Server(httpServer);
  io.adapter(createClusterAdapter(kind, redis, prefix));
  io.on('connection', (socket) => {
    const room = socket.handshake.auth.room;
    if (typeof room === 'string') socket.join(room);
  });
  const port = await new Promise<number>((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve((httpServer.address() as { port: number }).port)));
  return { io, port, close: () => new Promise<void>((resolve) => io.close(() => resolve())) };
}

async function measure(kind: RedisAdapterKind, url: string, users: number, messages: number) {
  const prefix = `bench${Date.now()}`;
  const [ra, rb] = [clients(url), clients(url)];
  const a = await startNode(kind, ra, prefix);
  const b = await startNode(kind, rb, prefix);
  const sockets: Socket[] = await Promise.all(
    Array.from({ length: users }, (_, i) => {
      const s = connect(`http://127.0.0.1:${b.port}`, { transports: ['websocket'], auth: { room: `u:${i}` }, forceNew: true });
      return new Promise<Socket>((resolve) => s.once('connect', () => resolve(s)));
    }),
  );
  await new Promise((r) => setTimeout(r, 300)); // let subscriptions settle
  let got = 0;
  const done = new Promise<void>((resolve) => {
    for (const s of sockets) s.on('m', () => ++got === messages && resolve());
  });
  const started = performance.now();
  for (let i = 0; i < messages; i++) a.io.to(`u:${i % users}`).emit('m', { i });
  await done;
  const seconds = (performance.now() - started) / 1000;
  const rtt: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    const arrived = new Promise<void>((resolve) => sockets[0]!.once('p', () => resolve()));
    a.io.to('u:0').emit('p', {});
    await arrived;
    rtt.push(performance.now() - t);
  }
  rtt.sort((x, y) => x - y);
  for (const s of sockets) s.close();
  await Promise.all([a.close(), b.close()]);
  await Promise.all([ra.close(), rb.close()]);
  return { adapter: kind, users, messages, perSecond: Math.round(messages / seconds), p50ms: rtt[25]!.toFixed(2), p99ms: rtt[49]!.toFixed(2) };
}

export async function run(args: string[]): Promise<unknown> {
  const users = Number(args[0] ?? 200);
  const messages = Number(args[1] ?? 20_000);
  const redis = await startTestRedis();
  const logger = pino({ level: 'info' });
  try {
    const results = [];
    for (const kind of ['classic', 'sharded', 'classic', 'sharded'] as const) results.push(await measure(kind, redis.url, users, messages));
    for (const r of results) logger.info(r, 'adapter bench');
    return results;
  } finally {
    await redis.close();
  }
}
