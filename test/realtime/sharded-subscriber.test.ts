/**
 * The sharded subscriber on a Redis Cluster when node-redis's topology refresh comes back without a
 * shard's slots (what `CLUSTER SLOTS` answers while that shard is still electing a new master, seen in
 * test/cluster/failover-resumption.test.ts): node-redis drops the shard's node, re-subscribes its
 * channels without waiting, and each re-subscription throws on the empty slot. Nothing in node-redis
 * asks for the topology again, so the node stayed deaf to those rooms. The keeper asks for it and
 * subscribes again; no rejection is left unhandled.
 *
 * The refresh is reproduced on the client's own slot map, as node-redis leaves it, on a real cluster.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type RedisCluster } from '../../scripts/cluster/redis-cluster.js';
import { connectRedis, type RedisClients } from '../../server/redis.js';
import { createShardedSubscriber, slotOf, type ShardedSubscriber } from '../../server/realtime/sharded-subscriber.js';
import { waitFor } from '../helpers/index.js';

/** The parts of node-redis's cluster client the reproduction touches (node-redis 5). */
interface PubSubClient {
  destroy(): void;
  _getQueue(): { removeAllPubSubListeners(): unknown };
}
interface Shard {
  master: { pubSub?: { client: PubSubClient } };
}
interface ClusterInternals {
  _self: { emit(event: string, ...args: unknown[]): boolean; _slots: { slots: Array<Shard | undefined> } };
}

describe.runIf(!process.env.REDIS_CLUSTER_NODES)('the sharded subscriber after a refresh that lost a shard', () => {
  let cluster: RedisCluster;
  let redis: RedisClients;
  let subscriber: ShardedSubscriber;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3, replicas: 0 });
    redis = connectRedis({ clusterNodes: cluster.nodes.map((n) => n.address) }, pino({ level: 'silent' }));
    await redis.ready;
    subscriber = createShardedSubscriber(redis, 100);
    process.on('unhandledRejection', onUnhandled);
  }, 60_000);
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    subscriber?.close();
    await redis?.close();
    await cluster?.stop();
  });

  it('asks for the topology again and hears the channel once more, with no unhandled rejection', async () => {
    const channel = 'kj-test:sio#/#room-1#';
    const heard: string[] = [];
    await subscriber.client.sSubscribe(channel, (message) => heard.push(message.toString()));
    await subscriber.confirmed([channel]);
    await redis.main.sPublish(channel, 'before');
    await waitFor(() => heard.includes('before'));

    // What node-redis does when a refresh leaves the shard out: its slots empty, its node's
    // subscriber connection destroyed, and its channels handed to the cluster to subscribe again.
    const slots = (redis.sub as unknown as ClusterInternals)._self._slots.slots;
    const shard = slots[slotOf(channel)]!;
    for (let i = 0; i < slots.length; i += 1) if (slots[i] === shard) slots[i] = undefined;
    const pubSub = shard.master.pubSub!.client;
    const listeners = pubSub._getQueue().removeAllPubSubListeners();
    pubSub.destroy();
    shard.master.pubSub = undefined;
    (redis.sub as unknown as ClusterInternals)._self.emit('__resubscribeListeners', listeners);

    expect(subscriber.missing()).toBe(1);
    // Published until heard: a publish before the new subscription is in place is lost, as in a failover.
    let n = 0;
    await waitFor(
      async () => {
        await redis.main.sPublish(channel, `after ${(n += 1)}`);
        return heard.some((m) => m.startsWith('after'));
      },
      { timeoutMs: 10_000 },
    );
    // A new map (node-redis replaces the array) that owns the slot again.
    expect((redis.sub as unknown as ClusterInternals)._self._slots.slots[slotOf(channel)]).toBeDefined();
    await waitFor(() => subscriber.missing() === 0);
    expect(unhandled).toEqual([]);
  });
});
