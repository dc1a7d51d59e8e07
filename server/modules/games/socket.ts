/** Socket events of the game center: moves, and catching a (re)connected socket up on its matches. */
import type { SocketHandler } from '../../realtime/gateway.js';
import { defineSocketHandlers } from '../../realtime/handler-table.js';
import type { HubSocket } from '../../realtime/types.js';
import type { Viewer } from '../accounts/viewer.js';
import type { GameService } from './service.js';

export function gameSocketHandlers(games: GameService): SocketHandler[] {
  return defineSocketHandlers({
    'game:move': { handler: (payload, { viewer }) => games.matches.move(viewer, payload) },
  });
}

/**
 * On connect: push the state of each active match to the new socket, and end the user's absence.
 * On disconnect: start the forfeit clock if that was the user's last socket anywhere.
 */
export function gameConnectionListener(games: GameService) {
  // One listener for every socket (socket.io calls it with the socket as `this`), not a closure each.
  function onDisconnect(this: HubSocket): void {
    void games.disconnected(this.data.userId);
  }
  return (socket: HubSocket, viewer: Viewer): void => {
    void games.connected(viewer.id).then((mine) => {
      for (const match of mine) socket.emit('game:state', { match });
    });
    socket.on('disconnect', onDisconnect);
  };
}
