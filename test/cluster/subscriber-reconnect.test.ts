/**
 * The hub's Redis subscriber hears a channel whose first SSUBSCRIBE was sent while Redis was away,
 * once Redis is back. (On RESP2 node-redis confirmed that subscription and then threw on every
 * message: a Redis Cluster shard's subscriber in that state left a node deaf to its rooms for good.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import pino from 'pino';
import { connectRedis, type RedisClients } from '../../server/redis.js';
import { startTestRedis, waitFor, type TestRedis } from '../helpers/index.js';

let redis: TestRedis;
let clients: RedisClients;

beforeAll(async () => {
  redis = await startTestRedis();
  clients = connectRedis({ url: redis.url }, pino({ level: 'silent' }));
  await clients.ready;
});
afterAll(async () => {
  await clients?.close();
  await redis?.close();
});

it.runIf(!process.env.REDIS_URL)('a subscription made while Redis is away delivers once Redis is back', async () => {
  const sub = clients.sub as unknown as {
    isReady: boolean;
    sSubscribe(channel: string, listener: (m: Buffer) => void, buffers: true): Promise<void>;
  };
  const main = clients.main as unknown as { isReady: boolean; sPublish(channel: string, message: string): Promise<number> };
  await redis.stop();
  await waitFor(() => !sub.isReady, { what: 'the subscriber noticed Redis is gone' });
  const heard: string[] = [];
  const subscribed = sub.sSubscribe('room-made-offline', (m) => heard.push(m.toString()), true);
  // One more failed reconnection attempt with the subscription waiting: that is what reset the
  // RESP2 client's message handling.
  await new Promise<void>((resolve) => clients.onError((client) => client === 'sub' && resolve()));
  await redis.restart();
  await subscribed;
  await waitFor(() => main.isReady && sub.isReady, { timeoutMs: 10_000, what: 'both clients back' });
  expect(await main.sPublish('room-made-offline', 'hello')).toBe(1);
  await waitFor(() => heard.length > 0, { timeoutMs: 5_000, what: 'the message heard' });
  expect(heard).toEqual(['hello']);
});
