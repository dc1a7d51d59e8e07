/**
 * Slow consumers: a socket whose outgoing buffer grows past the limit is cut off, so it reconnects
 * and catches up (notifications:sync) instead of silently losing events or growing our memory.
 *
 * Why here and not in the transports: on the uws engine, engine.io ignores `ws.send`'s result and
 * uWS *drops* messages past `maxBackpressure`; on the ws engine, writes queue without bound. So we
 * measure, before every packet, what is still waiting: packets engine.io holds (its write buffer)
 * plus bytes the WebSocket holds (uWS `getBufferedAmount()`, ws `bufferedAmount`), and stop well
 * before uWS's limit.
 *
 * This relies on every packet passing through engine.io, which engine.ts ensures on uws by turning
 * off socket.io's uWS publish shortcut (see uws-publish.ts).
 */
import type { Logger } from '../logger.js';
import type { HubServer, HubSocket } from './types.js';

export interface SlowConsumerOptions {
  /** Most bytes a socket may have waiting to be written. */
  readonly maxBufferedBytes: number;
  /** How long a cut-off socket gets to read the notice before its connection is destroyed. */
  readonly graceMs?: number;
  readonly logger?: Logger;
}

/** The raw WebSocket under engine.io's transport: uWS or ws, told apart by what they offer. */
interface RawSocket {
  getBufferedAmount?: () => number;
  bufferedAmount?: number;
  terminate?: () => void;
  close?: () => void;
}

interface EngineConn {
  readonly transport: { readonly name: string; readonly socket?: RawSocket };
  readonly readyState: string;
  on(event: 'packetCreate', listener: (this: EngineConn, packet: { data?: unknown }) => void): void;
  on(event: 'flush' | 'close', listener: (this: EngineConn) => void): void;
  close(discard?: boolean): void;
}

const packetOverhead = 8;

function packetBytes(data: unknown): number {
  if (typeof data === 'string') return data.length + packetOverhead;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength + packetOverhead;
  return packetOverhead;
}

function rawBuffered(raw: RawSocket | undefined): number {
  if (!raw) return 0;
  try {
    if (typeof raw.getBufferedAmount === 'function') return raw.getBufferedAmount();
    if (typeof raw.bufferedAmount === 'number') return raw.bufferedAmount;
  } catch {
    // a uWS socket that is already closed throws on access: nothing is buffered any more
  }
  return 0;
}

/** Destroys the connection now: no closing handshake that a stalled peer would never finish. */
function destroy(conn: EngineConn): void {
  const raw = conn.transport.name === 'websocket' ? conn.transport.socket : undefined;
  try {
    if (raw && typeof raw.terminate === 'function') return raw.terminate(); // ws
    if (raw && typeof raw.getBufferedAmount === 'function' && typeof raw.close === 'function') return raw.close(); // uWS: forceful
  } catch {
    // already closed
  }
  conn.close(true);
}

export function guardSlowConsumers(io: HubServer, { maxBufferedBytes, graceMs = 1_000, logger }: SlowConsumerOptions): void {
  // Per connection: bytes engine.io holds in its write buffer, and the socket.io socket to cut off.
  // Its listeners are shared by every connection (engine.io calls them with the connection as
  // `this`): a closure per socket would be heap per idle socket.
  const states = new WeakMap<EngineConn, { readonly socket: HubSocket; queued: number; cut: boolean }>();

  const cutOff = (conn: EngineConn, socket: HubSocket, buffered: number) => {
    logger?.warn({ user: socket.data.userId, socket: socket.id, buffered }, 'slow consumer: disconnected');
    // Nothing more is queued behind what it cannot read, not even broadcasts to everyone; it
    // catches up after reconnecting. (No socket.io "disconnect" packet: a client that gets one
    // does not reconnect by itself, while one whose connection drops does.)
    const leaveAll = (socket as unknown as { leaveAll?: () => void }).leaveAll;
    if (typeof leaveAll === 'function') leaveAll.call(socket);
    else for (const room of [...socket.rooms]) void socket.leave(room);
    socket.emit('server:notice', { code: 'slow_consumer', message: 'too far behind: disconnected, reconnect and sync' });
    const timer = setTimeout(() => destroy(conn), graceMs);
    conn.on('close', () => clearTimeout(timer));
  };

  function onPacketCreate(this: EngineConn, packet: { data?: unknown }): void {
    const state = states.get(this);
    if (!state || state.cut) return;
    state.queued += packetBytes(packet.data);
    const buffered = state.queued + rawBuffered(this.transport.socket);
    if (buffered > maxBufferedBytes) {
      state.cut = true;
      cutOff(this, state.socket, buffered);
    }
  }
  function onFlush(this: EngineConn): void {
    const state = states.get(this);
    if (state) state.queued = 0;
  }

  io.on('connection', (socket: HubSocket) => {
    const conn = socket.conn as unknown as EngineConn;
    states.set(conn, { socket, queued: 0, cut: false });
    conn.on('packetCreate', onPacketCreate);
    conn.on('flush', onFlush);
  });
}
