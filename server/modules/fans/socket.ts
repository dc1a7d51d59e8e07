import type { ConnectionListener } from '../../realtime/types.js';
import type { FanService } from './service.js';

/** A fan's new socket joins the fans rooms of the certified spaces its user likes. */
export function fanConnectionListener(fans: FanService): ConnectionListener {
  return (socket, viewer) => fans.connectionListener(socket, viewer);
}
