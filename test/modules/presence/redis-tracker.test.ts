/** Presence through Redis: a node that dies without saying so does not keep its users online. */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisTracker } from '../../../server/modules/presence/redis-tracker.js';
import { startTestRedis, type TestRedis } from '../../helpers/index.js';

describe('the Redis presence tracker', () => {
  let server: TestRedis;
  let redis: Redis;
  beforeAll(async () => {
    server = await startTestRedis();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.close();
  });

  const logger = pino({ level: 'silent' });

  it('counts one user’s sockets on several nodes as one', async () => {
    const prefix = `p${randomBytes(4).toString('hex')}`;
    const a = createRedisTracker({ redis, prefix, nodeId: 'a', logger });
    const b = createRedisTracker({ redis, prefix, nodeId: 'b', logger });
    expect(await a.connect('u1', 's1')).toBe(true);
    expect(await b.connect('u1', 's2')).toBe(false);
    expect(await a.onlineAmong(['u1', 'u2'])).toEqual(['u1']);
    expect(await a.disconnect('u1', 's1')).toBe(false);
    expect(await a.disconnect('u1', 's1')).toBe(false); // twice is harmless
    expect(await b.disconnect('u1', 's2')).toBe(true);
    expect(await b.onlineAmong(['u1'])).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it('a crashed node’s sockets expire, and exactly one live node announces the user offline', async () => {
    const prefix = `p${randomBytes(4).toString('hex')}`;
    const ttlMs = 300;
    // What a node leaves behind when it dies mid-heartbeat: its entries, and nobody to remove them.
    const expiresAt = Date.now() + ttlMs;
    await redis.zadd(`${prefix}:presence:u:u9`, expiresAt, 'dead|s1');
    await redis.zadd(`${prefix}:presence:users`, expiresAt, 'u9');
    const expired: string[] = [];
    const liveA = createRedisTracker({ redis, prefix, nodeId: 'a', logger, ttlMs, onExpired: (u) => expired.push(`a:${u}`) });
    const liveB = createRedisTracker({ redis, prefix, nodeId: 'b', logger, ttlMs, onExpired: (u) => expired.push(`b:${u}`) });
    expect(await liveA.onlineAmong(['u9'])).toEqual(['u9']);
    const deadline = Date.now() + 5_000;
    while (expired.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, ttlMs)); // a further sweep round must not announce again
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatch(/^[ab]:u9$/);
    expect(await liveA.onlineAmong(['u9'])).toEqual([]);
    await Promise.all([liveA.close(), liveB.close()]);
  });
});

