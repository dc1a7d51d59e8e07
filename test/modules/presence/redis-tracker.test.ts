/**
 * Presence through Redis, on one Redis and on a Redis Cluster: a node that dies without saying so
 * does not keep its users online, and on a cluster every script's keys share a slot while users
 * spread over every master.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisTracker, presenceKeys } from '../../../server/modules/presence/redis-tracker.js';
import { connectRedis, type RedisClients } from '../../../server/redis.js';
import { pause, redisSetups, startTestRedisSetup, waitFor, type TestRedisSetup } from '../../helpers/index.js';

const logger = pino({ level: 'silent' });

describe.each(redisSetups)('the Redis presence tracker on %s', (kind) => {
  let setup: TestRedisSetup;
  let redis: RedisClients;
  beforeAll(async () => {
    setup = await startTestRedisSetup(kind);
    redis = connectRedis(
      'redisUrl' in setup.hub ? { url: setup.hub.redisUrl } : { clusterNodes: setup.hub.redisClusterNodes.split(',') },
      logger,
    );
    await redis.ready;
  }, 60_000);
  afterAll(async () => {
    await redis?.close();
    await setup?.close();
  });

  it('counts one user’s sockets on several nodes as one', async () => {
    const prefix = `p${randomBytes(4).toString('hex')}`;
    const a = createRedisTracker({ redis: redis.commands, prefix, nodeId: 'a', logger });
    const b = createRedisTracker({ redis: redis.commands, prefix, nodeId: 'b', logger });
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
    const keys = presenceKeys(prefix, 'u9');
    await redis.commands.send(keys.user, ['ZADD', keys.user, String(expiresAt), 'dead|s1']);
    await redis.commands.send(keys.users, ['ZADD', keys.users, String(expiresAt), 'u9']);
    const expired: string[] = [];
    const liveA = createRedisTracker({
      redis: redis.commands,
      prefix,
      nodeId: 'a',
      logger,
      ttlMs,
      onExpired: (u) => expired.push(`a:${u}`),
    });
    const liveB = createRedisTracker({
      redis: redis.commands,
      prefix,
      nodeId: 'b',
      logger,
      ttlMs,
      onExpired: (u) => expired.push(`b:${u}`),
    });
    expect(await liveA.onlineAmong(['u9'])).toEqual(['u9']);
    await waitFor(() => expired.length > 0, { what: 'the dead entry expiring' });
    await pause(ttlMs); // a further sweep round must not announce again
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatch(/^[ab]:u9$/);
    expect(await liveA.onlineAmong(['u9'])).toEqual([]);
    await Promise.all([liveA.close(), liveB.close()]);
  });

  // Only on a private cluster (it asks its nodes for slots and masters); registered only there.
  if (kind === 'Redis Cluster' && !process.env.REDIS_CLUSTER_NODES)
    it('keeps each user’s keys in one slot and spreads users over every master', async () => {
      // Through the hub's own client (one connection, not a redis-cli process per question).
      const slot = async (key: string) => Number(await redis.commands.send(key, ['CLUSTER', 'KEYSLOT', key]));
      type SlotRange = [from: number, to: number, master: [host: string, port: number, ...rest: unknown[]], ...replicas: unknown[]];
      const ranges = (await redis.commands.send('presence', ['CLUSTER', 'SLOTS'])) as SlotRange[];
      const masterOf = (at: number) => ranges.find(([from, to]) => at >= from && at <= to)![2][1];
      const masters = new Set<number>();
      for (let i = 0; i < 40; i += 1) {
        const keys = presenceKeys('kj', randomBytes(12).toString('hex'));
        const userSlot = await slot(keys.user);
        expect(await slot(keys.users)).toBe(userSlot);
        masters.add(masterOf(userSlot));
      }
      expect(masters.size).toBe(3);
    });
});
