import type { SocketHandler } from '../../realtime/gateway.js';
import { defineSocketHandlers } from '../../realtime/handler-table.js';
import type { ConnectionListener, HubSocket } from '../../realtime/types.js';
import type { PresenceService } from './service.js';

export function presenceSocketHandlers(presence: PresenceService): SocketHandler[] {
  return defineSocketHandlers({
    'presence:list': {
      rateLimit: { name: 'presence-list', points: 120, perSeconds: 60 },
      handler: (_payload, { viewer }) => presence.onlineFriends(viewer.id),
    },
  });
}

/** Tells presence of each socket's coming and going; the service never sees the socket. */
export function presenceConnectionListener(presence: PresenceService): ConnectionListener {
  // One listener for every socket (socket.io calls it with the socket as `this`), not a closure each.
  function onDisconnect(this: HubSocket): void {
    void presence.disconnected(this.data.userId, this.id);
  }
  return (socket, viewer) => {
    void presence.connected(viewer.id, socket.id);
    socket.on('disconnect', onDisconnect);
  };
}
