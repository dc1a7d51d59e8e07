/**
 * Presence shared by every node through Redis. Each user has a sorted set of their sockets
 * (`<node>|<socket>`) scored by when the entry expires; each node refreshes its own sockets'
 * entries on a heartbeat. A node that crashes stops refreshing, so its sockets expire instead of
 * keeping their users online forever, and a sweep announces those users offline. The heartbeat
 * also heals the sets after a Redis restart lost them.
 *
 * Keys carry a hash tag per bucket of users (`{p<n>}`): a script touches one user's set and their
 * bucket's index, which must share a slot on a Redis Cluster, while the buckets spread users over
 * many slots (and so over every master) instead of one hot index key.
 */
import type { RedisCommands } from '../../redis.js';
import type { Logger } from '../../logger.js';
import type { PresenceTracker } from './tracker.js';

export interface RedisTrackerOptions {
  readonly redis: RedisCommands;
  readonly prefix: string;
  readonly nodeId: string;
  readonly logger: Logger;
  /** How long an entry lives without a heartbeat. */
  readonly ttlMs?: number;
  /** Called for users whose last socket expired (their node went away without saying so). */
  readonly onExpired?: (userId: string) => void;
}

/** How many index buckets users are spread over (each its own hash tag, so its own slot). */
export const presenceBuckets = 32;

/** The bucket of a user: a stable hash of the id, so every node agrees. */
export function presenceBucket(userId: string): number {
  let hash = 2166136261; // FNV-1a
  for (let i = 0; i < userId.length; i += 1) hash = Math.imul(hash ^ userId.charCodeAt(i), 16777619);
  return (hash >>> 0) % presenceBuckets;
}

/** The keys of one user: their socket set and their bucket's index of users, in one slot. */
export function presenceKeys(prefix: string, userId: string): { user: string; users: string } {
  const tag = `{p${presenceBucket(userId)}}`;
  return { user: `${prefix}:presence:${tag}:u:${userId}`, users: `${prefix}:presence:${tag}:users` };
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

export function createRedisTracker({ redis, prefix, nodeId, logger, ttlMs = 45_000, onExpired }: RedisTrackerOptions): PresenceTracker {
  const memberOf = (socketId: string) => `${nodeId}|${socketId}`;
  const bucketIndex = (bucket: number) => `${prefix}:presence:{p${bucket}}:users`;
  /** This node's sockets, refreshed on every heartbeat. */
  const local = new Map<string, Set<string>>();

  const register = async (userId: string, socketId: string) => {
    const now = Date.now();
    const keys = presenceKeys(prefix, userId);
    return Number(await redis.script(connectScript, [keys.user, keys.users], [now, now + ttlMs, memberOf(socketId), userId, ttlMs]));
  };
  const unregister = async (userId: string, socketId: string, now: number) => {
    const keys = presenceKeys(prefix, userId);
    const [removed, remaining] = (await redis.script(disconnectScript, [keys.user, keys.users], [now, memberOf(socketId), userId])) as [
      number,
      number,
    ];
    return { removed: Number(removed), remaining: Number(remaining) };
  };

  async function heartbeat(): Promise<void> {
    const now = Date.now();
    const refreshes: Promise<unknown>[] = [];
    for (const [userId, sockets] of local) for (const socketId of sockets) refreshes.push(register(userId, socketId));
    await Promise.all(refreshes);
    const buckets = Array.from({ length: presenceBuckets }, (_, b) => b);
    const stale = await Promise.all(
      buckets.map(
        (b) => redis.send(bucketIndex(b), ['ZRANGEBYSCORE', bucketIndex(b), '-inf', String(now), 'LIMIT', '0', '500']) as Promise<string[]>,
      ),
    );
    for (const userId of stale.flat()) {
      if (local.has(userId)) continue;
      const keys = presenceKeys(prefix, userId);
      if (Number(await redis.script(sweepScript, [keys.user, keys.users], [now, userId])) === 1) onExpired?.(userId);
    }
  }

  const timer = setInterval(
    () => {
      heartbeat().catch((err: Error) => logger.warn({ err: err.message }, 'presence heartbeat failed'));
    },
    Math.max(50, Math.floor(ttlMs / 3)),
  );
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
      const { removed, remaining } = await unregister(userId, socketId, Date.now());
      return removed === 1 && remaining === 0;
    },
    async onlineAmong(userIds) {
      if (userIds.length === 0) return [];
      const min = `(${Date.now()}`;
      // Issued together, node-redis pipelines them (per master on a cluster).
      const counts = await Promise.all(
        userIds.map((id) => {
          const key = presenceKeys(prefix, id).user;
          return redis.send(key, ['ZCOUNT', key, min, '+inf']).then(Number, () => 0);
        }),
      );
      return userIds.filter((_, i) => (counts[i] ?? 0) > 0);
    },
    async close() {
      clearInterval(timer);
      // This node's sockets are gone with it; say so now rather than waiting for them to expire.
      const now = Date.now();
      await Promise.allSettled(
        [...local].flatMap(([userId, sockets]) => [...sockets].map((socketId) => unregister(userId, socketId, now))),
      );
      local.clear();
    },
  };
}
