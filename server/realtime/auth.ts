/**
 * Handshake authentication: a socket without a valid token gets `connect_error` "unauthorized", and a
 * user's socket beyond `socketsPerUser` gets `connect_error` "too_many_sockets" (counted across nodes
 * when the hub is clustered), so one token cannot open hundreds of sockets.
 */
import type { Viewer } from '../modules/accounts/viewer.js';
import { rooms } from './rooms.js';
import type { HubServer, HubSocket } from './types.js';

const viewers = new WeakMap<HubSocket, Viewer>();

export interface SocketAuthOptions {
  /** Most sockets one user may have open at once. */
  readonly socketsPerUser: number;
  /** Whether other nodes hold sockets too (then they are counted through the adapter). */
  readonly clustered: boolean;
  /** How long to wait for the other nodes' counts before deciding on this node's alone. */
  readonly clusterCountTimeoutMs?: number;
}

export function attachSocketAuth(
  io: HubServer,
  authenticate: (token: string | undefined) => Promise<Viewer | null>,
  options: SocketAuthOptions,
): void {
  // Sockets per user on this node, counted from the moment a handshake is let through (so parallel
  // handshakes of one user cannot all slip under the cap) until its connection closes.
  const here = new Map<string, number>();
  const release = (userId: string) => {
    const n = (here.get(userId) ?? 1) - 1;
    if (n > 0) here.set(userId, n);
    else here.delete(userId);
  };

  // The user each counted socket was counted for, until it is released: exactly once, when the
  // socket disconnects, when its connection closes before it connected, or when the cluster-wide
  // count refuses it. One engine.io connection may carry several sockets (a CONNECT packet per
  // namespace, or repeated ones), so places are kept per socket, never per connection. The
  // listeners are shared by every socket (called with it as `this`), not a closure per socket.
  type Conn = HubSocket['conn'];
  const counted = new WeakMap<HubSocket, string>();
  // A connection's one socket is kept as itself, a Set only for several: nearly every connection
  // carries one socket, and a Set each was ~0.15 KB of heap per idle socket. null: none now, but the
  // connection's close listener is in place (so a later socket on it does not add a second one).
  const socketsOfConn = new WeakMap<Conn, HubSocket | Set<HubSocket> | null>();
  const forgetOfConn = (socket: HubSocket) => {
    const held = socketsOfConn.get(socket.conn);
    if (held === socket) socketsOfConn.set(socket.conn, null);
    else if (held instanceof Set) held.delete(socket);
  };
  const releaseSocket = (socket: HubSocket) => {
    const userId = counted.get(socket);
    if (userId === undefined) return;
    counted.delete(socket);
    forgetOfConn(socket);
    release(userId);
  };
  function onSocketDisconnect(this: HubSocket): void {
    releaseSocket(this);
  }
  // A socket whose connection closes while its handshake is still running never disconnects.
  function onConnClose(this: Conn): void {
    const held = socketsOfConn.get(this);
    socketsOfConn.delete(this);
    if (held instanceof Set) for (const socket of held) releaseSocket(socket);
    else if (held) releaseSocket(held);
  }
  const count = (socket: HubSocket, userId: string) => {
    here.set(userId, (here.get(userId) ?? 0) + 1);
    counted.set(socket, userId);
    const held = socketsOfConn.get(socket.conn);
    if (held === undefined) {
      socketsOfConn.set(socket.conn, socket);
      socket.conn.on('close', onConnClose);
    } else if (held === null) socketsOfConn.set(socket.conn, socket);
    else if (held instanceof Set) held.add(socket);
    else if (held !== socket) socketsOfConn.set(socket.conn, new Set([held, socket]));
    socket.on('disconnect', onSocketDisconnect);
  };

  /** The user's sockets on other nodes; 0 when they do not answer in time (this node's cap still holds). */
  const elsewhere = async (userId: string): Promise<number> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never[]>((resolve) => (timer = setTimeout(() => resolve([]), options.clusterCountTimeoutMs ?? 1_000)));
    try {
      const all = await Promise.race([io.in(rooms.user(userId)).fetchSockets(), timeout]);
      const local = io.of('/').sockets;
      return all.filter((s) => !local.has(s.id)).length;
    } catch {
      return 0;
    } finally {
      clearTimeout(timer);
    }
  };

  io.use((socket, next) => {
    const raw: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    const token = typeof raw === 'string' ? raw : undefined;
    const admit = async (): Promise<Error | undefined> => {
      const viewer = await authenticate(token);
      if (!viewer) return new Error('unauthorized');
      // Closed while the token was checked: no close event is left to release a place.
      if (socket.conn.readyState === 'closed') return new Error('unauthorized');
      if ((here.get(viewer.id) ?? 0) >= options.socketsPerUser) return new Error('too_many_sockets');
      count(socket, viewer.id);
      if (options.clustered && (await elsewhere(viewer.id)) + (here.get(viewer.id) ?? 0) > options.socketsPerUser) {
        releaseSocket(socket);
        return new Error('too_many_sockets');
      }
      viewers.set(socket, viewer);
      socket.data.userId = viewer.id;
      socket.data.handle = viewer.handle;
      await socket.join(rooms.user(viewer.id));
      return undefined;
    };
    admit().then(
      (refusal) => next(refusal),
      () => next(new Error('unavailable')),
    );
  });
}

/** The viewer of an authenticated socket. */
export function socketViewer(socket: HubSocket): Viewer {
  const viewer = viewers.get(socket);
  if (!viewer) throw new Error('socket is not authenticated');
  return viewer;
}
