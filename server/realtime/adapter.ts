/**
 * The Socket.IO adapter that joins the nodes of a cluster through Redis: `classic` (PUBLISH /
 * SUBSCRIBE, one channel set per namespace; one Redis only) or `sharded` (Redis 7 SPUBLISH /
 * SSUBSCRIBE, with a channel per room so a node hears only rooms it has sockets in; on a Redis
 * Cluster each channel lives on the shard that owns its slot, not broadcast to every node). Both run
 * over node-redis, which restores subscriptions after a reconnect and, on a cluster, moves them to a
 * promoted replica; test/cluster checks both.
 */
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import type { RedisClients } from '../redis.js';

export type RedisAdapterKind = 'classic' | 'sharded';

export function createClusterAdapter(kind: RedisAdapterKind, redis: RedisClients, prefix: string) {
  const pub = publisher(redis);
  if (kind === 'sharded' || redis.mode === 'cluster') {
    return createShardedAdapter(pub, shardedSubscriber(redis), { channelPrefix: `${prefix}:sio`, subscriptionMode: 'dynamic' });
  }
  return createAdapter(pub, redis.sub, { key: `${prefix}:sio` });
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
      return value.bind(target);
    },
  }) as unknown as RedisClients['main'];
}

type Handler = (message: Buffer, channel: Buffer) => void;

/**
 * The adapter subscribes without waiting and without handling a refusal. This subscriber (what the
 * adapter recognises as a node-redis client: it has `sSubscribe`) holds (un)subscriptions until the
 * first connection is up (a cluster client cannot route anything before it knows the slots), and
 * retries a refused subscription while the room still wants it: a cluster client refuses one whose
 * shard is unreachable (mid-failover), and node-redis drops one whose connection died before Redis
 * answered, keeping no listener either way: either would leave this node deaf to that room for good.
 * Once subscribed, node-redis restores it after every reconnect.
 */
function shardedSubscriber(redis: RedisClients, retryMs = 1_000) {
  // Both client kinds take these arguments; the union of their overloads does not type-check as one call.
  const sub = redis.sub as unknown as {
    sSubscribe(channels: string | string[], listener: Handler, bufferMode: true): Promise<void>;
    sUnsubscribe(channels?: string | string[]): Promise<void>;
  };
  let connected = false;
  /** False when the clients were closed before they ever connected (a hub stopped early). */
  const ready = redis.ready.then(
    () => (connected = true),
    () => false,
  );
  const open = () => (redis.sub as unknown as { isOpen: boolean }).isOpen;
  /** Channels the adapter wants, with their listener. */
  const wanted = new Map<string, Handler>();
  const subscribe = async (channel: string, listener: Handler): Promise<void> => {
    if (!connected && !(await ready)) return; // continuations run in call order, so order is kept
    for (let attempt = 0; ; attempt += 1) {
      if (wanted.get(channel) !== listener || !open()) return;
      try {
        await sub.sSubscribe(channel, listener, true);
        return;
      } catch {
        // The first retry goes out at once: refused because the connection died before Redis
        // answered, it waits in the client's offline queue and is sent the moment Redis is back,
        // not a retry period later (a publish in between would be missed).
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(retryMs, 50 * 2 ** attempt)).unref());
      }
    }
  };
  const unsubscribe = async (channel: string): Promise<void> => {
    if (!connected && !(await ready)) return;
    await sub.sUnsubscribe(channel).catch(() => undefined); // a lost shard has forgotten it anyway
  };
  const each = (channels: string | string[]) => (Array.isArray(channels) ? channels : [channels]);
  return {
    on: () => undefined,
    sSubscribe: (channels: string | string[], listener: Handler) =>
      Promise.all(
        each(channels).map((channel) => {
          wanted.set(channel, listener);
          return subscribe(channel, listener);
        }),
      ).then(() => undefined),
    sUnsubscribe: (channels: string | string[]) =>
      Promise.all(
        each(channels).map((channel) => {
          wanted.delete(channel);
          return unsubscribe(channel);
        }),
      ).then(() => undefined),
  };
}
