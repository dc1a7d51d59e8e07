/**
 * The Socket.IO adapter that joins the nodes of a cluster through Redis: `classic` (PUBLISH /
 * SUBSCRIBE, one channel set per namespace) or `sharded` (Redis 7 SPUBLISH / SSUBSCRIBE, with a
 * channel per room so a node hears only rooms it has sockets in). Both run over ioredis, which
 * resubscribes (including SSUBSCRIBE) by itself after Redis comes back, so a node never goes deaf.
 */
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import type { RedisClients } from '../redis.js';

export type RedisAdapterKind = 'classic' | 'sharded';

export function createClusterAdapter(kind: RedisAdapterKind, redis: RedisClients, prefix: string) {
  if (kind === 'sharded') {
    return createShardedAdapter(redis.main, redis.sub, { channelPrefix: `${prefix}:sio`, subscriptionMode: 'dynamic' });
  }
  return createAdapter(redis.main, redis.sub, { key: `${prefix}:sio` });
}
