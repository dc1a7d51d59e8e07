/** Handshake authentication: a socket without a valid token gets `connect_error` "unauthorized". */
import type { Viewer } from '../modules/accounts/viewer.js';
import { rooms } from './rooms.js';
import type { HubServer, HubSocket } from './types.js';

const viewers = new WeakMap<HubSocket, Viewer>();

export function attachSocketAuth(io: HubServer, authenticate: (token: string | undefined) => Promise<Viewer | null>): void {
  io.use((socket, next) => {
    const raw: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    const token = typeof raw === 'string' ? raw : undefined;
    authenticate(token).then(
      (viewer) => {
        if (!viewer) return next(new Error('unauthorized'));
        viewers.set(socket, viewer);
        socket.data.userId = viewer.id;
        socket.data.handle = viewer.handle;
        socket.join(rooms.user(viewer.id));
        next();
      },
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
