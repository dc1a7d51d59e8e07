import { empty } from '../../../shared/schemas/common.js';
import { defineSocketHandler, type SocketHandler } from '../../realtime/gateway.js';
import type { ConnectionListener } from '../../realtime/handlers.js';
import type { PresenceService } from './service.js';

export function presenceSocketHandlers(presence: PresenceService): SocketHandler[] {
  return [
    defineSocketHandler({
      event: 'presence:list',
      schema: empty,
      handler: (_payload, { viewer }) => presence.onlineFriends(viewer.id),
    }),
  ];
}

export function presenceConnectionListener(presence: PresenceService): ConnectionListener {
  return (socket, viewer) => presence.track(socket, viewer);
}
