/**
 * The Socket.IO adapter that joins the nodes of a cluster through Redis: `classic` (PUBLISH /
 * SUBSCRIBE, one channel set per namespace) or `sharded` (Redis 7 SPUBLISH / SSUBSCRIBE, with a
 * channel per room so a node hears only rooms it has sockets in). Both run over ioredis, which
 * resubscribes (SSUBSCRIBE included) by itself after Redis comes back, so a node never goes deaf;
 * test/cluster checks that after a Redis restart.
 */
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { RedisClients } from '../redis.js';

export type RedisAdapterKind = 'classic' | 'sharded';

export function createClusterAdapter(kind: RedisAdapterKind, redis: RedisClients, prefix: string) {
  if (kind === 'sharded') {
    return createShardedAdapter(redis.main, shardedSubscriber(redis.sub), { channelPrefix: `${prefix}:sio`, subscriptionMode: 'dynamic' });
  }
  return createAdapter(redis.main, redis.sub, { key: `${prefix}:sio` });
}

/**
 * ioredis handles an SSUBSCRIBE sent before its first connection is ready badly (the ready check's
 * INFO is then refused "in subscriber mode"), unlike SUBSCRIBE. So the sharded adapter gets a
 * subscriber whose (un)subscriptions wait for the first `ready`, in order; after that ioredis
 * itself restores them on every reconnect.
 */
function shardedSubscriber(sub: Redis) {
  let firstReady: Promise<void> =
    sub.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => sub.once('ready', () => resolve()));
  const afterReady = (run: () => Promise<unknown>) => {
    firstReady = firstReady.then(run).then(
      () => undefined,
      () => undefined, // a failed (un)subscribe is retried by ioredis's resubscription, not by us
    );
    return firstReady;
  };
  return {
    on: sub.on.bind(sub),
    ssubscribe: (...channels: string[]) => afterReady(() => sub.ssubscribe(...channels)),
    sunsubscribe: (...channels: string[]) => afterReady(() => sub.sunsubscribe(...channels)),
  };
}
