import { rooms } from '../../realtime/rooms.js';
import type { ConnectionListener } from '../../realtime/types.js';
import type { FanService } from './service.js';

/** A fan's new socket joins the fans rooms of the certified spaces its user likes. */
export function fanConnectionListener(fans: FanService): ConnectionListener {
  return (socket, viewer) => {
    void fans.followedSpaces(viewer.id).then((ids) => {
      // Friends of a space are in its audience room (joined during the handshake): not here too.
      const fanOnly = ids.filter((id) => !socket.rooms.has(rooms.audience(id)));
      if (fanOnly.length && socket.connected) void socket.join(fanOnly.map(rooms.fans));
    });
  };
}
