/** Moderators follow the queue live: `moderation:watch` joins the moderators' room (others: forbidden). */
import { forbidden } from '../../errors.js';
import type { SocketHandler } from '../../realtime/gateway.js';
import { defineSocketHandlers } from '../../realtime/handler-table.js';
import { rooms } from '../../realtime/rooms.js';
import { isModerator } from '../accounts/viewer.js';

export function moderationSocketHandlers(): SocketHandler[] {
  return defineSocketHandlers({
    'moderation:watch': {
      handler: async (_payload, { viewer, socket }) => {
        if (!isModerator(viewer)) throw forbidden('moderators only');
        await socket.join(rooms.moderators());
        return {};
      },
    },
  });
}
