/**
 * The sharded adapter's subscriber, kept honest. The adapter subscribes without waiting and without
 * handling a refusal; this keeper (what the adapter recognises as a node-redis client: it has
 * `sSubscribe`) holds (un)subscriptions until the first connection is up, retries a refused or stuck
 * SSUBSCRIBE while the room still wants it, tells when a channel is confirmed (a connect waits for
 * its rooms' channels: adapter.ts), and on a Redis Cluster checks that every confirmed channel still
 * sits on a ready connection to the master that owns its slot now, subscribing again where not.
 *
 * Why the check: after a failover node-redis moves the dead master's subscriptions to the promoted
 * one without waiting for the answer; one refused there (the shard still electing) is dropped with
 * its listener, and the node stays deaf to that room for good. node-redis restores subscriptions
 * after a plain reconnect itself.
 *
 * And why the check also asks for a new topology: a refresh made while the shard is still electing
 * can come back without the dead master's slots (`CLUSTER SLOTS` leaves a range out while nobody
 * owns it). node-redis then forgets the dead node, so nothing of it reconnects and nothing asks
 * again, and its own re-subscription of the moved channels throws on the empty slot (a rejection
 * nobody handles). Commands heal by themselves (one sent to another node answers MOVED, which
 * refreshes), a subscription does not: so while a channel's slot has no master, or a channel stays
 * missing, the keeper asks the subscriber for a new topology, and node-redis's own re-subscription
 * is caught and left to the keeper.
 */
import type { RedisClients } from '../redis.js';

type Handler = (message: Buffer, channel: Buffer) => void;

export interface ShardedSubscriber {
  /** What the adapter is given. */
  readonly client: {
    on(): void;
    sSubscribe(channels: string | string[], listener: Handler): Promise<void>;
    sUnsubscribe(channels: string | string[]): Promise<void>;
  };
  /** Resolves once each of `channels` that is wanted is subscribed (at once for the others). */
  confirmed(channels: readonly string[]): Promise<void>;
  /** Confirmed channels not on a ready connection to their slot's master right now (cluster; else 0). */
  missing(): number;
  close(): void;
}

interface Wanted {
  readonly listener: Handler;
  confirmed: boolean;
  /** A subscription loop is running for it. */
  subscribing: boolean;
  readonly done: Promise<void>;
  resolve(): void;
}

/** How long one SSUBSCRIBE may take before it is sent again (one to a dead master never answers). */
const attemptTimeoutMs = 3_000;
/** How often a cluster subscriber checks its channels while some are missing (else on topology events). */
const auditEveryMs = 1_000;
/** And at least this often regardless. */
const auditAtLeastEveryMs = 15_000;

/** The node-redis cluster client's internals the check reads (node-redis 5). */
interface ClusterView {
  readonly slots: ReadonlyArray<{ master: ShardMaster } | undefined>;
  readonly _self: {
    /** The client's own (instance) field, which node-redis's re-subscription after a refresh calls. */
    sSubscribe: (...args: unknown[]) => Promise<unknown>;
    readonly _slots: { rediscover(): Promise<void> };
  };
}
interface ShardMaster {
  readonly pubSub?: { readonly client: { readonly isReady: boolean; getPubSubListeners(type: 'SHARDED'): Map<string, unknown> } };
}

export function createShardedSubscriber(redis: RedisClients, retryMs = 1_000): ShardedSubscriber {
  // Both client kinds take these arguments; the union of their overloads does not type-check as one call.
  const sub = redis.sub as unknown as {
    isOpen: boolean;
    /** The command itself; `sSubscribe` is an alias that node-redis's own re-subscription goes through. */
    SSUBSCRIBE(channels: string | string[], listener: Handler, bufferMode: true): Promise<void>;
    sUnsubscribe(channels?: string | string[]): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): unknown;
  };
  let connected = false;
  let closed = false;
  /** False when the clients were closed before they ever connected (a hub stopped early). */
  const ready = redis.ready.then(
    () => (connected = true),
    () => false,
  );
  const wanted = new Map<string, Wanted>();

  const subscribe = async (channel: string, entry: Wanted): Promise<void> => {
    if (entry.subscribing) return;
    entry.subscribing = true;
    try {
      if (!connected && !(await ready)) return; // continuations run in call order, so order is kept
      for (let attempt = 0; ; attempt += 1) {
        if (closed || wanted.get(channel) !== entry || !sub.isOpen) return;
        let timer: NodeJS.Timeout | undefined;
        const stuck = new Promise<'stuck'>((resolve) => (timer = setTimeout(() => resolve('stuck'), attemptTimeoutMs).unref()));
        const outcome = await Promise.race([sub.SSUBSCRIBE(channel, entry.listener, true).then(() => 'ok' as const), stuck]).catch(
          () => 'refused' as const,
        );
        clearTimeout(timer);
        if (outcome === 'ok') {
          entry.confirmed = true;
          entry.resolve();
          return;
        }
        if (view && !view.slots[slotOf(channel)]) rediscover(); // its slot is not in the map (see the header)
        // The first retry goes out at once: refused because the connection died before Redis
        // answered, it waits in the client's offline queue and is sent the moment Redis is back,
        // not a retry period later (a publish in between would be missed).
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(retryMs, 50 * 2 ** attempt)).unref());
      }
    } finally {
      entry.subscribing = false;
    }
  };

  const want = (channel: string, listener: Handler): Wanted => {
    const existing = wanted.get(channel);
    if (existing && existing.listener === listener) return existing;
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const entry: Wanted = { listener, confirmed: false, subscribing: false, done, resolve };
    wanted.set(channel, entry);
    return entry;
  };

  const unsubscribe = async (channel: string): Promise<void> => {
    if (!connected && !(await ready)) return;
    await sub.sUnsubscribe(channel).catch(() => undefined); // a lost shard has forgotten it anyway
  };

  // The cluster check (see the header). One Redis: node-redis replays every subscription before the
  // connection counts as ready, so `isUp()` already says it.
  const view = redis.mode === 'cluster' ? (redis.sub as unknown as ClusterView) : undefined;
  let dirty = true;
  let lastFull = Date.now();
  let missingNow = 0;
  /** Audits in a row that found a channel missing. */
  let missingFor = 0;
  let rediscovering = false;
  const rediscover = () => {
    if (!view || rediscovering) return;
    rediscovering = true;
    view._self._slots
      .rediscover()
      .catch(() => undefined) // no node answered: the next audit asks again
      .finally(() => {
        rediscovering = false;
        dirty = true;
      });
  };
  const audit = () => {
    if (!view || !connected || closed) return;
    let missing = 0;
    let unowned = false;
    for (const [channel, entry] of wanted) {
      if (!entry.confirmed) continue;
      const shard = view.slots[slotOf(channel)];
      const client = shard?.master.pubSub?.client;
      if (client?.isReady && client.getPubSubListeners('SHARDED').has(channel)) continue;
      missing += 1;
      if (!shard) {
        unowned = true; // subscribing would throw: the topology must come first
        continue;
      }
      // Not on its owner's connection at all: node-redis dropped it; subscribe again. (On a
      // connection that is reconnecting it is replayed once that connection is back.)
      if (!client || (client.isReady && !client.getPubSubListeners('SHARDED').has(channel))) void subscribe(channel, entry);
    }
    missingNow = missing;
    missingFor = missing > 0 ? missingFor + 1 : 0;
    // A slot nobody owns, or a channel missing for a few seconds on what may be a stale map.
    if (unowned || missingFor >= 3) rediscover();
  };
  if (view) {
    // node-redis re-subscribes the channels of a node it dropped without waiting for the outcome;
    // one that fails (its slot not in the map yet) is found missing by the audit and subscribed again.
    const own = view._self.sSubscribe;
    view._self.sSubscribe = (...args: unknown[]) =>
      own.apply(view._self, args).catch(() => {
        dirty = true;
      });
  }
  const timer = view
    ? setInterval(() => {
        if (!dirty && missingNow === 0 && Date.now() - lastFull < auditAtLeastEveryMs) return;
        dirty = false;
        lastFull = Date.now();
        audit();
      }, auditEveryMs).unref()
    : undefined;
  if (view) {
    for (const event of ['node-ready', 'node-disconnect', 'node-error', 'sharded-channel-moved-error']) sub.on(event, () => (dirty = true));
  }

  const each = (channels: string | string[]) => (Array.isArray(channels) ? channels : [channels]);
  return {
    client: {
      on: () => undefined,
      sSubscribe: (channels, listener) =>
        Promise.all(
          each(channels).map((channel) => {
            const entry = want(channel, listener);
            return subscribe(channel, entry);
          }),
        ).then(() => undefined),
      sUnsubscribe: (channels) =>
        Promise.all(
          each(channels).map((channel) => {
            const entry = wanted.get(channel);
            wanted.delete(channel);
            entry?.resolve(); // nobody waits for a channel no room wants
            return unsubscribe(channel);
          }),
        ).then(() => undefined),
    },
    confirmed: (channels) => Promise.all(channels.flatMap((c) => wanted.get(c)?.done ?? [])).then(() => undefined),
    missing: () => {
      if (view && dirty) {
        dirty = false;
        audit();
      }
      return missingNow;
    },
    close() {
      closed = true;
      if (timer) clearInterval(timer);
      for (const entry of wanted.values()) entry.resolve();
    },
  };
}

/** The Redis Cluster hash slot of `key` (CRC16-XMODEM mod 16384, `{hash tags}` honoured). */
export function slotOf(key: string): number {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) key = key.slice(open + 1, close);
  }
  let crc = 0;
  for (const byte of Buffer.from(key)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i += 1) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}
