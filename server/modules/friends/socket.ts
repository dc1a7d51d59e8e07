/**
 * A new socket joins the audience room of each of its user's friends, *before* it counts as
 * connected (a handshake step, not a connection listener), so that no post made by a friend
 * after the client saw `connect` can miss it. The friend ids come from the cache (no store query
 * once warm); misses of a reconnect storm share one query per event-loop turn (friend-ids.ts).
 */
import { rooms } from '../../realtime/rooms.js';
import type { HubSocket } from '../../realtime/types.js';
import type { Viewer } from '../accounts/viewer.js';
import type { FriendRelations } from './relations.js';

export function joinFriendAudiences(friends: Pick<FriendRelations, 'friendIds'>) {
  // One string per audience room, shared by every socket in it: the adapter keeps each socket's
  // room names, and twenty fresh copies per socket are most of a socket's heap otherwise.
  const names = new Map<string, string>();
  const audienceOf = (userId: string): string => {
    let name = names.get(userId);
    if (name === undefined) {
      if (names.size >= 500_000) names.clear();
      names.set(userId, (name = rooms.audience(userId)));
    }
    return name;
  };
  return async (socket: HubSocket, viewer: Viewer): Promise<void> => {
    const ids = await friends.friendIds(viewer.id);
    if (ids.length) await socket.join(ids.map(audienceOf));
  };
}
