import { defineSocketHandler, type SocketHandler } from '../../realtime/gateway.js';
import type { ConnectionListener } from '../../realtime/types.js';
import type { PresenceService } from './service.js';

export function presenceSocketHandlers(presence: PresenceService): SocketHandler[] {
  return [
    defineSocketHandler({
      event: 'presence:list',
      rateLimit: { name: 'presence-list', points: 120, perSeconds: 60 },
      handler: (_payload, { viewer }) => presence.onlineFriends(viewer.id),
    }),
  ];
}

/** Tells presence of each socket's coming and going; the service never sees the socket. */
export function presenceConnectionListener(presence: PresenceService): ConnectionListener {
  return (socket, viewer) => {
    void presence.connected(viewer.id, socket.id);
    socket.once('disconnect', () => void presence.disconnected(viewer.id, socket.id));
  };
}
