/**
 * Redis connections on node-redis (`redis`): one Redis (`REDIS_URL`) or a Redis Cluster
 * (`REDIS_CLUSTER_NODES`). node-redis restores a client's (sharded) subscriptions after every
 * reconnect, and a cluster client moves them to the new master after a failover (it rediscovers the
 * topology while a node keeps failing to reconnect); test/cluster checks both.
 *
 * The command client speaks RESP2; the subscriber speaks RESP3. On RESP2 node-redis tells a pub/sub
 * message from a reply by swapping its decoder's reply handler when a connection enters pub/sub
 * mode, and a connection that had no confirmed subscription yet when it dropped (a cluster shard's
 * subscriber whose first SSUBSCRIBE was on its way, as happens when a socket connects just before a
 * master dies) comes back without that handler: its SSUBSCRIBE is confirmed, Redis delivers, and the
 * client throws on every message, deaf for good. On RESP3 messages are push frames, told apart by
 * type (test/cluster/failover-resumption.test.ts).
 */
import { createHash } from 'node:crypto';
import { createClient, createCluster, type RedisClientType, type RedisClusterType } from 'redis';
import type { Logger } from './logger.js';

/** No modules, functions, scripts or type mapping: the clients as `createClient()` makes them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- node-redis's own defaults are `{}`; no other type is assignable both ways
type None = {};
export type RedisClient = RedisClientType<None, None, None, 2, None>;
export type RedisClusterClient = RedisClusterType<None, None, None, 2, None>;
/** What the Socket.IO adapter and rate-limiter-flexible are given: either kind of client. */
export type RedisConnection = RedisClient | RedisClusterClient;
/** The subscriber (RESP3, see above): either kind of client. */
export type RedisSubscriber = RedisClientType<None, None, None, 3, None> | RedisClusterType<None, None, None, 3, None>;

export type RedisTarget = { readonly url: string } | { readonly clusterNodes: readonly string[] };

export interface RedisClients {
  readonly mode: 'single' | 'cluster';
  /** Commands (rate limits, presence); also the adapter's publisher. Fails fast while disconnected. */
  readonly main: RedisConnection;
  /** The adapter's subscriber (RESP3; used for subscriptions only); queues while disconnected. */
  readonly sub: RedisSubscriber;
  /** Raw commands routed by `key`'s slot (in a cluster every key of one command must share a slot). */
  readonly commands: RedisCommands;
  /** Resolves once both clients have connected for the first time. */
  readonly ready: Promise<void>;
  /** Every master (and, for the subscriber, every shard it listens on) reachable right now. */
  isUp(): boolean;
  onError(listener: (client: 'main' | 'sub', err: Error) => void): void;
  close(): Promise<void>;
}

export interface RedisCommands {
  send(key: string, args: readonly string[]): Promise<unknown>;
  /** EVALSHA, loading the script with EVAL when the server does not know it (e.g. after a restart). */
  script(lua: string, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

/** Parses `host:port,host:port` (REDIS_CLUSTER_NODES) into node-redis root node URLs. */
export function clusterRootNodes(nodes: readonly string[]): Array<{ url: string }> {
  return nodes.map((node) => ({ url: node.includes('://') ? node : `redis://${node}` }));
}

const reconnectStrategy = (retries: number) => Math.min(50 * 2 ** retries, 2000);
/**
 * A command waits at most this long for its answer (node-redis's own default is 5 s): a rate limit
 * or presence write to a master that stopped answering fails over to its fallback instead of holding
 * a request that long.
 */
const commandTimeoutMs = 2_000;

export function connectRedis(target: RedisTarget, logger: Logger): RedisClients {
  return 'url' in target ? single(target.url, logger) : cluster(target.clusterNodes, logger);
}

function single(url: string, logger: Logger): RedisClients {
  const socket = { reconnectStrategy, connectTimeout: 5_000 };
  // No offline queue on commands: a rate limit or presence write during an outage fails at once
  // (the insurance limiter and the heartbeat cover it) instead of piling up.
  const main: RedisClient = createClient({
    url,
    RESP: 2,
    socket,
    disableOfflineQueue: true,
    commandOptions: { timeout: commandTimeoutMs },
  });
  const sub = createClient({ url, RESP: 3, socket });
  const listeners: Array<(client: 'main' | 'sub', err: Error) => void> = [];
  for (const [name, client] of [
    ['main', main],
    ['sub', sub],
  ] as const) {
    let wasUp = false;
    client.on('ready', () => {
      if (wasUp) logger.info({ redis: name }, 'redis reconnected');
      wasUp = true;
    });
    client.on('error', (err: Error) => {
      logger.warn({ redis: name, err: err.message }, 'redis error');
      for (const listen of listeners) listen(name, err);
    });
  }
  // connect() keeps retrying until Redis answers; the hub starts meanwhile and reports Redis down.
  const ready = Promise.all([main.connect(), sub.connect()]).then(() => undefined);
  ready.catch(() => undefined);
  return {
    mode: 'single',
    main,
    sub,
    ready,
    commands: {
      send: (_key, args) => main.sendCommand([...args]),
      script: (lua, keys, args) => runScript((a) => main.sendCommand(a), lua, keys, args),
    },
    isUp: () => main.isReady && sub.isReady,
    onError: (listener) => void listeners.push(listener),
    async close() {
      // Let commands issued just before (the adapter's unsubscribes) go out ahead of the close.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.allSettled([main.close(), sub.close()]);
    },
  };
}

/** A dead master's clients retry at least this often, each retry a chance to refresh the topology. */
const clusterReconnectStrategy = (retries: number) => Math.min(50 * 2 ** retries, 500);

function cluster(nodes: readonly string[], logger: Logger): RedisClients {
  const rootNodes = clusterRootNodes(nodes);
  const socket = { reconnectStrategy: clusterReconnectStrategy, connectTimeout: 5_000 };
  const options = {
    rootNodes,
    // After a master dies its clients keep reconnecting (every 0.5 s at most, above); each attempt
    // 250 ms or more after the first asks for a topology refresh (one at a time), so the promoted
    // replica is found within about half a second of its promotion (cluster-node-timeout plus the
    // election), and commands and sharded subscriptions move to it.
    topologyRefreshOnReconnectionAttempt: 250,
  };
  const main: RedisClusterClient = createCluster({
    ...options,
    RESP: 2,
    defaults: { socket, disableOfflineQueue: true },
    commandOptions: { timeout: commandTimeoutMs },
  });
  const sub = createCluster({ ...options, RESP: 3, defaults: { socket } });
  const listeners: Array<(client: 'main' | 'sub', err: Error) => void> = [];
  let closed = false;
  const connect = async (name: 'main' | 'sub', client: RedisClusterClient | RedisClusterType<None, None, None, 3, None>) => {
    client.on('error', (err: Error) => {
      logger.warn({ redis: name, err: err.message }, 'redis cluster error');
      for (const listen of listeners) listen(name, err);
    });
    client.on('node-error', (err: Error, node: { host: string; port: number }) => {
      logger.warn({ redis: name, node: `${node.host}:${node.port}`, err: err.message }, 'redis cluster node error');
      for (const listen of listeners) listen(name, err);
    });
    // A cluster client gives up when no seed answers; keep trying until one does.
    for (let attempt = 0; !closed; attempt += 1) {
      try {
        await client.connect();
        return;
      } catch (err) {
        logger.warn({ redis: name, err: (err as Error).message }, 'redis cluster not reachable yet');
        await new Promise((r) => setTimeout(r, reconnectStrategy(attempt)));
      }
    }
  };
  const ready = Promise.all([connect('main', main), connect('sub', sub)]).then(() => undefined);
  ready.catch(() => undefined);
  const mastersUp = (client: RedisClusterClient | RedisClusterType<None, None, None, 3, None>, pubSub: boolean) =>
    client.isReady &&
    client.masters.length > 0 &&
    client.masters.every((m) => (pubSub ? !m.pubSub || m.pubSub.client.isReady : m.client?.isReady === true));
  return {
    mode: 'cluster',
    main,
    sub,
    ready,
    commands: {
      send: (key, args) => main.sendCommand(key, false, [...args]),
      script: (lua, keys, args) => runScript((a) => main.sendCommand(keys[0], false, a), lua, keys, args),
    },
    isUp: () => mastersUp(main, false) && mastersUp(sub, true),
    onError: (listener) => void listeners.push(listener),
    async close() {
      closed = true;
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.allSettled([main.isOpen ? main.close() : undefined, sub.isOpen ? sub.close() : undefined]);
    },
  };
}

const shas = new Map<string, string>();

async function runScript(
  send: (args: string[]) => Promise<unknown>,
  lua: string,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  let sha = shas.get(lua);
  if (!sha) shas.set(lua, (sha = createHash('sha1').update(lua).digest('hex')));
  const rest = [String(keys.length), ...keys, ...args.map(String)];
  try {
    return await send(['EVALSHA', sha, ...rest]);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return send(['EVAL', lua, ...rest]);
  }
}
