/**
 * Presence shared by every node through Redis. Each user has a sorted set of their sockets
 * (`<node>|<socket>`) scored by when the entry expires; each node refreshes its own sockets'
 * entries on a heartbeat. A node that crashes stops refreshing, so its sockets expire instead of
 * keeping their users online forever, and a sweep announces those users offline. The heartbeat
 * also heals the sets after a Redis restart lost them.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import type { PresenceTracker } from './tracker.js';

export interface RedisTrackerOptions {
  readonly redis: Redis;
  readonly prefix: string;
  readonly nodeId: string;
  readonly logger: Logger;
  /** How long an entry lives without a heartbeat. */
  readonly ttlMs?: number;
  /** Called for users whose last socket expired (their node went away without saying so). */
  readonly onExpired?: (userId: string) => void;
}

// KEYS: user set, users index. ARGV: now, expiresAt, member, userId, ttl. Returns the user's socket count.
const connectScript = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('ZADD', KEYS[2], 'GT', ARGV[2], ARGV[4])
return redis.call('ZCARD', KEYS[1])`;

// KEYS: user set, users index. ARGV: now, member, userId. Returns { removed, remaining }.
const disconnectScript = `
local removed = redis.call('ZREM', KEYS[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local remaining = redis.call('ZCARD', KEYS[1])
if remaining == 0 then redis.call('ZREM', KEYS[2], ARGV[3]) end
return { removed, remaining }`;

// KEYS: user set, users index. ARGV: now, userId. Returns 1 to exactly one sweeper when the user expired.
const sweepScript = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local top = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if top[2] == nil then return redis.call('ZREM', KEYS[2], ARGV[2]) end
redis.call('ZADD', KEYS[2], top[2], ARGV[2])
return 0`;

interface PresenceCommands {
  presenceConnect(userKey: string, usersKey: string, now: number, expiresAt: number, member: string, userId: string, ttl: number): Promise<number>;
  presenceDisconnect(userKey: string, usersKey: string, now: number, member: string, userId: string): Promise<[number, number]>;
  presenceSweep(userKey: string, usersKey: string, now: number, userId: string): Promise<number>;
}

export function createRedisTracker({ redis, prefix, nodeId, logger, ttlMs = 45_000, onExpired }: RedisTrackerOptions): PresenceTracker {
  redis.defineCommand('presenceConnect', { numberOfKeys: 2, lua: connectScript });
  redis.defineCommand('presenceDisconnect', { numberOfKeys: 2, lua: disconnectScript });
  redis.defineCommand('presenceSweep', { numberOfKeys: 2, lua: sweepScript });
  const commands = redis as unknown as PresenceCommands;
  const userKey = (userId: string) => `${prefix}:presence:u:${userId}`;
  const usersKey = `${prefix}:presence:users`;
  const memberOf = (socketId: string) => `${nodeId}|${socketId}`;
  /** This node's sockets, refreshed on every heartbeat. */
  const local = new Map<string, Set<string>>();

  const register = (userId: string, socketId: string) => {
    const now = Date.now();
    return commands.presenceConnect(userKey(userId), usersKey, now, now + ttlMs, memberOf(socketId), userId, ttlMs);
  };

  async function heartbeat(): Promise<void> {
    const now = Date.now();
    const refreshes: Promise<unknown>[] = [];
    for (const [userId, sockets] of local) for (const socketId of sockets) refreshes.push(register(userId, socketId));
    await Promise.all(refreshes);
    const stale = await redis.zrangebyscore(usersKey, '-inf', now, 'LIMIT', 0, 500);
    for (const userId of stale) {
      if (local.has(userId)) continue;
      if ((await commands.presenceSweep(userKey(userId), usersKey, now, userId)) === 1) onExpired?.(userId);
    }
  }

  const timer = setInterval(() => {
    heartbeat().catch((err: Error) => logger.warn({ err: err.message }, 'presence heartbeat failed'));
  }, Math.max(50, Math.floor(ttlMs / 3)));
  timer.unref();

  return {
    async connect(userId, socketId) {
      let sockets = local.get(userId);
      if (!sockets) local.set(userId, (sockets = new Set()));
      sockets.add(socketId);
      return (await register(userId, socketId)) === 1;
    },
    async disconnect(userId, socketId) {
      const sockets = local.get(userId);
      sockets?.delete(socketId);
      if (sockets?.size === 0) local.delete(userId);
      const [removed, remaining] = await commands.presenceDisconnect(userKey(userId), usersKey, Date.now(), memberOf(socketId), userId);
      return removed === 1 && remaining === 0;
    },
    async onlineAmong(userIds) {
      if (userIds.length === 0) return [];
      const min = `(${Date.now()}`;
      const pipeline = redis.pipeline();
      for (const id of userIds) pipeline.zcount(userKey(id), min, '+inf');
      const counts = (await pipeline.exec()) ?? [];
      return userIds.filter((_, i) => {
        const [err, count] = counts[i] ?? [null, 0];
        return !err && Number(count) > 0;
      });
    },
    async close() {
      clearInterval(timer);
      // This node's sockets are gone with it; say so now rather than waiting for them to expire.
      const now = Date.now();
      await Promise.allSettled(
        [...local].flatMap(([userId, sockets]) =>
          [...sockets].map((socketId) => commands.presenceDisconnect(userKey(userId), usersKey, now, memberOf(socketId), userId)),
        ),
      );
      local.clear();
    },
  };
}
