/** Every client → server socket event of every feature module, and what runs on connect. */
import { empty } from '../../shared/schemas/common.js';
import type { Services } from '../services.js';
import { spaceSocketHandlers } from '../modules/spaces/socket.js';
import { notificationSocketHandlers } from '../modules/notifications/socket.js';
import { defineSocketHandler, type SocketHandler } from './gateway.js';
import type { HubSocket } from './types.js';
import type { Viewer } from '../modules/accounts/viewer.js';

const ping = defineSocketHandler({
  event: 'ping',
  schema: empty,
  handler: async () => ({ at: Date.now() }),
});

export function socketHandlers(s: Services): SocketHandler[] {
  return [ping, ...spaceSocketHandlers(s.spaces), ...notificationSocketHandlers(s.notifications)];
}

/** Runs for every authenticated socket once it is connected (presence, catch-up of game state…). */
export type ConnectionListener = (socket: HubSocket, viewer: Viewer) => void;

export function connectionListeners(_s: Services): ConnectionListener[] {
  return [];
}
