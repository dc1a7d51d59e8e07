/**
 * The Socket.IO adapter that joins the nodes of a cluster through Redis: `classic` (PUBLISH /
 * SUBSCRIBE, one channel set per namespace; one Redis only) or `sharded` (Redis 7 SPUBLISH /
 * SSUBSCRIBE, with a channel per room so a node hears only rooms it has sockets in; on a Redis
 * Cluster each channel lives on the shard that owns its slot, not broadcast to every node). Both run
 * over node-redis, which restores subscriptions after a reconnect and, on a cluster, moves them to a
 * promoted replica (sharded-subscriber.ts makes sure they arrive); test/cluster checks both.
 *
 * A join resolves once the Redis subscriptions its rooms rely on are confirmed, so a socket that
 * joins its rooms during the handshake (auth.ts, friends/socket.ts) counts as connected only when a
 * post made anywhere in the cluster right after reaches it (test/cluster/connect-race.test.ts).
 */
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import type { Namespace } from 'socket.io';
import type { Room, SocketId } from 'socket.io-adapter';
import type { RedisClients } from '../redis.js';
import { createShardedSubscriber } from './sharded-subscriber.js';
import type { AdapterConstructor } from './uws-adapter.js';

export type RedisAdapterKind = 'classic' | 'sharded';

export interface ClusterAdapter {
  readonly adapter: AdapterConstructor;
  /** Every subscription that was confirmed is still in place (a Redis Cluster's failover can drop one). */
  subscriptionsUp(): boolean;
  close(): void;
}

/**
 * How long a join waits for its subscriptions. They are confirmed within milliseconds while Redis
 * answers, but on a starved machine a Redis Cluster shard has taken over 3 s (a post made meanwhile
 * was lost live: connect-race.test.ts, load average 11 on two cores); a slow connect is better than a
 * lost post. Past this (Redis unresponsive) the join completes anyway and the subscription follows
 * when Redis is back, as the whole node's do (it reports itself unready meanwhile); with Redis known
 * to be down there is no wait at all.
 */
const joinWaitMs = 10_000;

export function createClusterAdapter(kind: RedisAdapterKind, redis: RedisClients, prefix: string): ClusterAdapter {
  const pub = publisher(redis);
  if (kind === 'sharded' || redis.mode === 'cluster') {
    const subscriber = createShardedSubscriber(redis);
    const channelPrefix = `${prefix}:sio`;
    const base = createShardedAdapter(pub, subscriber.client, { channelPrefix, subscriptionMode: 'dynamic' });
    return {
      // The namespace's own channel (broadcasts to several rooms, cluster requests) and one per room.
      adapter: confirmingJoins(
        base,
        redis,
        (nsp, rooms) => [`${channelPrefix}#${nsp.name}#`, ...[...rooms].map((room) => `${channelPrefix}#${nsp.name}#${String(room)}#`)],
        (channels) => subscriber.confirmed(channels),
      ),
      subscriptionsUp: () => subscriber.missing() === 0,
      close: () => subscriber.close(),
    };
  }
  // Classic: one pattern subscription per namespace carries every room; a join waits for it.
  const subscribed: Array<Promise<unknown>> = [];
  const sub = new Proxy(redis.sub as unknown as Record<PropertyKey, unknown>, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop === 'pSubscribe' || prop === 'subscribe') {
        return (...args: unknown[]) => {
          const done = (value.apply(target, args) as Promise<unknown>).catch(() => undefined);
          subscribed.push(done);
          return done;
        };
      }
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
  const base = createAdapter(pub, sub, { key: `${prefix}:sio` });
  return {
    adapter: confirmingJoins(
      base,
      redis,
      () => [],
      () => Promise.all(subscribed).then(() => undefined),
    ),
    subscriptionsUp: () => true,
    close: () => undefined,
  };
}

interface JoiningAdapter {
  readonly sids: Map<SocketId, Set<Room>>;
  addAll(id: SocketId, rooms: Set<Room>): Promise<void> | void;
}

/**
 * Wraps an adapter factory so that `addAll` (what `socket.join` returns) resolves once the channels
 * of the joined rooms are confirmed, or after `joinWaitMs`. A socket's own-id room has no channel.
 */
function confirmingJoins(
  Base: unknown,
  redis: RedisClients,
  channelsOf: (nsp: Namespace, rooms: Room[]) => string[],
  confirmed: (channels: readonly string[]) => Promise<void>,
): AdapterConstructor {
  function ConfirmingAdapter(nsp: Namespace): unknown {
    const adapter = new (Base as new (nsp: Namespace) => JoiningAdapter)(nsp);
    const addAll = adapter.addAll.bind(adapter);
    adapter.addAll = (id, rooms) => {
      void addAll(id, rooms);
      if (!redis.isUp()) return; // nothing to wait for: it is subscribed when Redis is back
      const channels = channelsOf(
        nsp,
        [...rooms].filter((room) => room !== id),
      );
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, joinWaitMs).unref()));
      return Promise.race([confirmed(channels), late]).finally(() => clearTimeout(timer));
    };
    return adapter;
  }
  return ConfirmingAdapter as unknown as AdapterConstructor;
}

/**
 * The command client as the adapters' publisher, except that a refused (S)PUBLISH resolves instead
 * of rejecting: the adapters publish fire-and-forget in places (responses, the classic broadcast),
 * and the command client fails at once while Redis is away. A lost publish costs a live push only;
 * clients catch up through `notifications:sync` and a feed refetch.
 */
function publisher(redis: RedisClients): RedisClients['main'] {
  const main = redis.main as unknown as Record<PropertyKey, unknown>;
  return new Proxy(main, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop === 'publish' || prop === 'sPublish') {
        return (...args: unknown[]) => (value.apply(target, args) as Promise<number>).catch(() => 0);
      }
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  }) as unknown as RedisClients['main'];
}
