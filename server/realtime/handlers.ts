/** Every client → server socket event of every feature module, and what runs on connect. */
import type { Services } from '../services.js';
import { spaceSocketHandlers } from '../modules/spaces/socket.js';
import { postSocketHandlers } from '../modules/posts/socket.js';
import { notificationSocketHandlers } from '../modules/notifications/socket.js';
import { presenceConnectionListener, presenceSocketHandlers } from '../modules/presence/socket.js';
import { gameConnectionListener, gameSocketHandlers } from '../modules/games/socket.js';
import { fanConnectionListener } from '../modules/fans/socket.js';
import { moderationSocketHandlers } from '../modules/moderation/socket.js';
import { albumSocketHandlers } from '../modules/albums/socket.js';
import { joinFriendAudiences } from '../modules/friends/socket.js';
import { joinGroupRooms } from '../modules/groups/socket.js';
import { chatSocketHandlers } from '../modules/chat/socket.js';
import { defineSocketHandler, type SocketHandler } from './gateway.js';
import type { ConnectionListener, HubSocket } from './types.js';
import type { Viewer } from '../modules/accounts/viewer.js';

const ping = defineSocketHandler({
  event: 'ping',
  handler: () => Promise.resolve({ at: Date.now() }),
});

export function socketHandlers(s: Services): SocketHandler[] {
  return [
    ping,
    ...spaceSocketHandlers(s.spaces),
    ...notificationSocketHandlers(s.notifications),
    ...presenceSocketHandlers(s.presence),
    ...postSocketHandlers(s.posts),
    ...gameSocketHandlers(s.games),
    ...moderationSocketHandlers(),
    ...albumSocketHandlers(s.albums),
    ...chatSocketHandlers(s.chat),
  ];
}

/** Runs for every authenticated socket once it is connected (presence, catch-up of game state…). */
export type { ConnectionListener };

/**
 * Runs during the handshake of every authenticated socket, before it counts as connected: room
 * memberships that must be in place before the client sees `connect` (its friends' audiences, the
 * rooms of the friend groups it is in).
 * A failure refuses the connection ('unavailable'); the client retries.
 */
export type ConnectPreparer = (socket: HubSocket, viewer: Viewer) => Promise<void>;

export function connectPreparers(s: Services): ConnectPreparer[] {
  return [joinFriendAudiences(s.friends), joinGroupRooms(s.groups.membership, s.friends, s.groups.mayBeMember)];
}

export function connectionListeners(s: Services): ConnectionListener[] {
  return [presenceConnectionListener(s.presence), gameConnectionListener(s.games), fanConnectionListener(s.fans)];
}
