/**
 * Native uWS publish for one hub: a single-room broadcast (a post to its author's audience room,
 * a certified space's fans room) is encoded once and published by uWebSockets.js in C++ to every
 * subscribed socket, instead of one engine.io `send` in JavaScript per recipient.
 *
 * Why not socket.io's own uWS support: it patches the Adapter prototype *process-wide* and binds
 * it to one uWS app, so a second hub in the same process would publish into the first one's app,
 * and a ws-engine hub would crash on join (uws-publish.ts undoes that patch). Here each adapter
 * instance of one hub gets the methods, closed over that hub's own app.
 *
 * Slow consumers: a native publish bypasses engine.io, so slow-consumers.ts does not see it;
 * engine.ts sets uWS's `closeOnBackpressureLimit` with `maxBackpressure` = SOCKET_MAX_BUFFER_BYTES,
 * so a socket that cannot keep up is closed (it reconnects and catches up) rather than silently
 * skipped. A cut-off socket leaves every room (slow-consumers.ts), which unsubscribes it here.
 *
 * Cluster: with a Redis adapter underneath, the broadcast still goes out as one adapter publish
 * (the base adapter's), and only its *local* delivery is replaced by the native publish. A
 * single-room broadcast *heard* from another node is published natively too: the Redis adapters
 * hand it to the in-memory `broadcast` (which encodes it once, then calls `apply` per socket);
 * `heardFromOtherNode` marks that hand-over, `_encode` keeps what it encoded, and `apply`
 * publishes that instead of writing to each socket. The base adapter's own checks (its own
 * messages, other namespaces, unknown rooms) run unchanged before any of it.
 */
import type { Namespace } from 'socket.io';
import { MessageType, type BroadcastOptions, type Room, type SocketId } from 'socket.io-adapter';
import type uWS from 'uWebSockets.js';
import type { HubServer } from './types.js';
import { InMemoryAdapter } from './uws-publish.js';

/** What `io.adapter(...)` takes: a class, or a factory called with `new` (the Redis adapters). */
export type AdapterConstructor = NonNullable<Parameters<HubServer['adapter']>[0]>;

/** The adapter methods replaced here (some are private in socket.io-adapter's typings). */
interface AdapterInternals {
  readonly sids: Map<SocketId, Set<Room>>;
  readonly encoder: { encode(packet: unknown): Array<string | Buffer> };
  addAll(id: SocketId, rooms: Set<Room>): Promise<void> | void;
  del(id: SocketId, room: Room): void;
  delAll(id: SocketId): void;
  broadcast(packet: { nsp?: string; data?: unknown }, opts: BroadcastOptions): void;
  apply(opts: BroadcastOptions, callback: (socket: unknown) => void): void;
  /** The in-memory adapter's encoding of a broadcast, just before it calls `apply`. */
  _encode(packet: unknown, packetOpts: object): Array<string | Buffer>;
  /** How the sharded Redis adapter (socket.io-adapter's ClusterAdapter) takes a message from another node. */
  onMessage?(message: HeardMessage, offset?: string): void;
  /** How the classic Redis adapter takes a broadcast from another node (never one with acknowledgements). */
  onmessage?(pattern: unknown, channel: unknown, message: unknown): void;
}

/** The part of a ClusterAdapter message that tells a plain broadcast (type 1, no acknowledgements). */
interface HeardMessage {
  readonly type?: number;
  readonly data?: { readonly requestId?: unknown };
}

/** uWS topics are per app; the namespace keeps rooms of different namespaces apart. */
const separator = '\x1f';
/** Marks the options of a broadcast whose local delivery was already published natively. */
const publishedNatively = Symbol('publishedNatively');

interface RawUwsSocket {
  subscribe(topic: string): boolean;
  unsubscribe(topic: string): boolean;
}

interface EngineConnLike {
  readonly readyState: string;
  readonly transport: { readonly name: string; readonly socket?: RawUwsSocket };
  once(event: 'upgrade', listener: () => void): void;
}

interface SocketLike {
  readonly conn: EngineConnLike;
  readonly client: { writeToEngine(packets: unknown[], opts: object): void };
}

type MarkedOptions = BroadcastOptions & { [publishedNatively]?: true };

/** The raw uWS socket of a socket on the websocket transport, else undefined (long-polling). */
function rawOf(socket: SocketLike): RawUwsSocket | undefined {
  const transport = socket.conn.transport;
  return transport.name === 'websocket' ? transport.socket : undefined;
}

/**
 * The raw socket to unsubscribe, if it is still open: a closed uWS socket has no subscriptions
 * left, and touching it throws (costly when thousands of sockets leave their rooms at once).
 */
function openRawOf(socket: SocketLike | undefined): RawUwsSocket | undefined {
  return socket && socket.conn.readyState === 'open' ? rawOf(socket) : undefined;
}

/**
 * Subscribes (or unsubscribes) `raw` to the topics of `rooms`, except the socket's own-id room.
 * A closed uWS socket throws at the first one; it has no subscriptions left anyway. One loop, no
 * closure per room: a connect with 200 friends joins 200 rooms.
 */
function changeTopics(
  raw: RawUwsSocket,
  how: 'subscribe' | 'unsubscribe',
  id: SocketId,
  rooms: Iterable<Room>,
  topic: (room: Room) => string,
): void {
  try {
    for (const room of rooms) if (room !== id) raw[how](topic(room));
  } catch {
    // closed
  }
}

/** Told of every native publish: the event's name and how many sockets it reached here. */
export type NativeDeliveryListener = (event: string, sockets: number) => void;

/**
 * Wraps `Base` (the in-memory adapter or a Redis adapter factory) so that its adapters publish
 * single-room broadcasts natively through `app`. Everything else is the base adapter's.
 * `delivered` counts what engine.io's per-socket listeners (metrics) cannot see.
 */
export function withNativePublish(
  Base: AdapterConstructor,
  app: Pick<uWS.TemplatedApp, 'publish' | 'numSubscribers'>,
  delivered: { listener?: NativeDeliveryListener } = {},
): AdapterConstructor {
  function NativePublishAdapter(nsp: Namespace): unknown {
    const adapter = new (Base as unknown as new (nsp: Namespace) => AdapterInternals)(nsp);
    const base = {
      addAll: adapter.addAll.bind(adapter),
      del: adapter.del.bind(adapter),
      delAll: adapter.delAll.bind(adapter),
      broadcast: adapter.broadcast.bind(adapter),
      apply: adapter.apply.bind(adapter),
      encode: adapter._encode.bind(adapter),
    };
    // A plain in-memory adapter has no other nodes to tell; the Redis ones extend it.
    const clustered = Object.getPrototypeOf(adapter) !== InMemoryAdapter.prototype;
    // The main namespace's rooms are their own topics (no string built per join or publish); any
    // other namespace's are prefixed with its name, so that two namespaces never share a topic.
    const topic = nsp.name === '/' ? (room: Room) => room : (room: Room) => `${nsp.name}${separator}${String(room)}`;
    // Socket.IO puts every socket in a room named by its id; nothing here broadcasts to one, so such
    // rooms stay out of uWS (one topic per socket saved; changeTopics) and a broadcast to one takes
    // the base path (broadcast, below).
    const socketOf = (id: SocketId): SocketLike | undefined =>
      (nsp.sockets.get(id) ?? (nsp as unknown as { _preConnectSockets: Map<string, unknown> })._preConnectSockets.get(id)) as
        SocketLike | undefined;
    /** Sockets still on long-polling: native publish cannot reach them. Almost always empty. */
    const polling = new Set<SocketId>();

    // What the base adapter's join returns (the Redis adapter's: once its subscriptions are
    // confirmed, adapter.ts) is what `socket.join` returns here too.
    adapter.addAll = (id, rooms) => {
      const isNew = !adapter.sids.has(id);
      const joined = base.addAll(id, rooms);
      const socket = socketOf(id);
      if (!socket) return joined;
      const raw = rawOf(socket);
      if (raw) {
        changeTopics(raw, 'subscribe', id, rooms, topic);
        return joined;
      }
      if (isNew) {
        polling.add(id);
        socket.conn.once('upgrade', () => {
          polling.delete(id);
          const current = adapter.sids.get(id);
          const upgraded = rawOf(socket);
          if (current && upgraded) changeTopics(upgraded, 'subscribe', id, current, topic);
        });
      }
      return joined;
    };

    adapter.del = (id, room) => {
      base.del(id, room);
      const raw = openRawOf(socketOf(id));
      if (raw) changeTopics(raw, 'unsubscribe', id, [room], topic);
    };

    adapter.delAll = (id) => {
      const joined = adapter.sids.get(id);
      const raw = openRawOf(socketOf(id));
      if (raw && joined) changeTopics(raw, 'unsubscribe', id, joined, topic);
      polling.delete(id);
      base.delAll(id);
    };

    /** The one room of a broadcast that can be published natively, else undefined. */
    const nativeRoom = (opts: BroadcastOptions): Room | undefined => {
      if (opts.rooms.size !== 1 || (opts.except?.size ?? 0) !== 0) return undefined;
      const room = opts.rooms.values().next().value as Room;
      return adapter.sids.has(room) ? undefined : room; // one socket, by its id: the base path
    };

    // A broadcast heard from another node: set while the Redis adapter hands it to the in-memory
    // `broadcast`, whose `_encode` result is kept here for `apply` (all synchronous, in one call).
    let heardFromOtherNode = false;
    let heard: { packet: { nsp?: string; data?: unknown }; encoded: Array<string | Buffer> } | undefined;
    const hearing =
      <A extends unknown[]>(take: (...args: A) => void, plainBroadcast: (...args: A) => boolean) =>
      (...args: A): void => {
        if (!plainBroadcast(...args)) return take(...args);
        heardFromOtherNode = true;
        try {
          take(...args);
        } finally {
          heardFromOtherNode = false;
          heard = undefined;
        }
      };
    if (adapter.onMessage) {
      adapter.onMessage = hearing(adapter.onMessage.bind(adapter), (message: HeardMessage) => {
        return message.type === MessageType.BROADCAST && message.data?.requestId === undefined;
      });
    }
    if (adapter.onmessage) {
      adapter.onmessage = hearing(adapter.onmessage.bind(adapter), (_pattern: unknown, _channel: unknown, _message: unknown) => true);
    }
    adapter._encode = (packet, packetOpts) => {
      const encoded = base.encode(packet, packetOpts);
      if (heardFromOtherNode) heard = { packet: packet as { nsp?: string; data?: unknown }, encoded };
      return encoded;
    };

    adapter.apply = (opts, callback) => {
      if ((opts as MarkedOptions)[publishedNatively]) return;
      const remote = heard;
      heard = undefined;
      const room = remote && nativeRoom(opts);
      if (remote && room !== undefined) return publishLocally(remote.packet, remote.encoded, room, opts);
      base.apply(opts, callback);
    };

    /** Publishes an encoded broadcast to `room`'s topic, and writes it to the room's sockets still on long-polling. */
    const publishLocally = (packet: { data?: unknown }, encoded: Array<string | Buffer>, room: Room, opts: BroadcastOptions): void => {
      let reached = delivered.listener ? app.numSubscribers(topic(room)) : 0;
      for (const data of encoded) {
        // "4": an engine.io message packet, as engine.io itself would frame it.
        if (typeof data === 'string') app.publish(topic(room), `4${data}`, false);
        else app.publish(topic(room), data, true);
      }
      if (polling.size > 0) {
        const flags = opts.flags ?? {};
        const packetOpts = { preEncoded: true, volatile: flags.volatile, compress: flags.compress };
        base.apply(opts, (socket) => {
          const s = socket as SocketLike;
          if (rawOf(s)) return;
          s.client.writeToEngine(encoded, packetOpts);
          reached += 1;
        });
      }
      if (delivered.listener) {
        const event = Array.isArray(packet.data) ? (packet.data as unknown[])[0] : undefined;
        delivered.listener(typeof event === 'string' ? event : 'unknown', reached);
      }
    };

    adapter.broadcast = (packet, opts) => {
      const room = nativeRoom(opts);
      if (room === undefined) return base.broadcast(packet, opts);
      packet.nsp = nsp.name;
      publishLocally(packet, adapter.encoder.encode(packet), room, opts);
      // The cluster hop: the base adapter publishes to the other nodes; its local delivery (through
      // `apply`) is skipped, as it was just published here.
      if (clustered && !opts.flags?.local) base.broadcast(packet, { ...opts, [publishedNatively]: true } as MarkedOptions);
    };

    return adapter;
  }
  return NativePublishAdapter as unknown as AdapterConstructor;
}
