/**
 * A new socket joins the audience room of each of its user's friends, *before* it counts as
 * connected (a handshake step, not a connection listener), so that no post made by a friend
 * after the client saw `connect` can miss it. The friend ids come from the cache (no store query
 * once warm); misses of a reconnect storm share one query per event-loop turn (friend-ids.ts).
 *
 * A friendship ended between the read and the join leaves the rooms of the user's sockets before
 * this one is in them, so it would stay: once joined, the socket reads its friends again (the cache,
 * which the ending updated) and leaves the rooms of those who are no longer friends. A friendship
 * ended after that finds the socket in the room and takes it out itself.
 */
import { rooms } from '../../realtime/rooms.js';
import type { HubSocket } from '../../realtime/types.js';
import type { Viewer } from '../accounts/viewer.js';
import type { FriendRelations } from './relations.js';

export function joinFriendAudiences(friends: Pick<FriendRelations, 'friendIdList'>) {
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
    const ids = await friends.friendIdList(viewer.id);
    if (ids.length === 0) return;
    await socket.join(ids.map(audienceOf));
    // The cache answers the very same list while the friendships are unchanged: nothing to leave.
    const current = await friends.friendIdList(viewer.id);
    if (current === ids) return;
    const now = new Set(current);
    for (const id of ids) if (!now.has(id)) await socket.leave(audienceOf(id));
  };
}
