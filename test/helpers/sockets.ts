/** Real Socket.IO clients for tests, typed by the shared event maps, and ways to await what they get. */
import { io as connect, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientAckFields,
  ClientEventName,
  ClientPayload,
  ClientToServerEvents,
  ServerEventName,
  ServerPayload,
  ServerToClientEvents,
} from '../../shared/events.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface HubLike {
  readonly realtimeUrl: string;
}

const open = new Set<TestSocket>();

/**
 * Connects with `token`; resolves once connected, rejects with the server's connect_error.
 * `localAddress` (127.0.0.x) makes the connection come from another address, for per-address limits.
 */
export function connectSocket(
  hub: HubLike,
  token: string | undefined,
  options: { reconnection?: boolean; localAddress?: string } = {},
): Promise<TestSocket> {
  const socket: TestSocket = connect(hub.realtimeUrl, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    forceNew: true,
    timeout: 5_000,
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
  } as Parameters<typeof connect>[1]);
  open.add(socket);
  recordEvents(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      open.delete(socket);
      socket.close();
      reject(err);
    });
  });
}

/** Closes every socket the helpers opened (call in afterEach/afterAll). */
export function closeAllSockets(): void {
  for (const s of open) s.close();
  open.clear();
}

const seen = new WeakMap<TestSocket, Array<{ event: string; payload: unknown }>>();

function recordEvents(socket: TestSocket): void {
  const log: Array<{ event: string; payload: unknown }> = [];
  seen.set(socket, log);
  socket.onAny((event: string, payload: unknown) => log.push({ event, payload }));
}

/** Every `event` this socket has received so far, oldest first. */
export function received<E extends ServerEventName>(socket: TestSocket, event: E): ServerPayload<E>[] {
  return (seen.get(socket) ?? []).filter((e) => e.event === event).map((e) => e.payload as ServerPayload<E>);
}

/**
 * The next `event` (matching `where`) on `socket`, including one that arrived before this call
 * and was not yet claimed by an earlier `nextEvent`.
 */
export function nextEvent<E extends ServerEventName>(
  socket: TestSocket,
  event: E,
  where: (payload: ServerPayload<E>) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<ServerPayload<E>> {
  const claimed = claimedOf(socket);
  const log = seen.get(socket) ?? [];
  const early = log.find((e) => e.event === event && !claimed.has(e) && where(e.payload as ServerPayload<E>));
  if (early) {
    claimed.add(early);
    return Promise.resolve(early.payload as ServerPayload<E>);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.offAny(listener);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for "${event}"`));
    }, timeoutMs);
    const listener = (name: string, payload: unknown) => {
      if (name !== event || !where(payload as ServerPayload<E>)) return;
      const entry = log.find((e) => e.payload === payload && e.event === name && !claimed.has(e));
      if (entry) claimed.add(entry);
      clearTimeout(timer);
      socket.offAny(listener);
      resolve(payload as ServerPayload<E>);
    };
    socket.onAny(listener);
  });
}

const claims = new WeakMap<TestSocket, Set<object>>();
function claimedOf(socket: TestSocket): Set<object> {
  let set = claims.get(socket);
  if (!set) claims.set(socket, (set = new Set()));
  return set;
}

/** Emits a client event and resolves with its acknowledgement. */
export function emitAck<E extends ClientEventName>(
  socket: TestSocket,
  event: E,
  payload: ClientPayload<E>,
  timeoutMs = 5_000,
): Promise<Ack<ClientAckFields<E>>> {
  return (socket.timeout(timeoutMs).emitWithAck as (e: string, p: unknown) => Promise<Ack<ClientAckFields<E>>>)(event, payload);
}

/**
 * A barrier: once the server has answered a `ping` sent after an action, every push that action
 * made to this socket (on this node) has already arrived, because one connection keeps order.
 */
export async function settle(socket: TestSocket): Promise<void> {
  const answer = await emitAck(socket, 'ping', {});
  if (!answer.ok) throw new Error(`ping failed: ${answer.error.message}`);
}

/** Asserts that `socket` got no `event` (matching `where`), after a barrier round trip. */
export async function expectNoEvent<E extends ServerEventName>(
  socket: TestSocket,
  event: E,
  where: (payload: ServerPayload<E>) => boolean = () => true,
): Promise<void> {
  await settle(socket);
  const got = received(socket, event).filter(where);
  if (got.length) throw new Error(`expected no "${event}" but got ${JSON.stringify(got[0]).slice(0, 300)}`);
}

/**
 * Resolves once `check` holds, checking now and again after every event `socket` receives (for a
 * condition over what arrived, such as "a post from each of three authors"); rejects after `timeoutMs`.
 */
export function whenReceived(
  socket: TestSocket,
  check: () => boolean,
  timeoutMs = 5_000,
  what = 'condition over received events',
): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const listener = () => {
      if (!check()) return;
      clearTimeout(timer);
      socket.offAny(listener);
      resolve();
    };
    const timer = setTimeout(() => {
      socket.offAny(listener);
      reject(new Error(`${what}: not met within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.onAny(listener);
  });
}
