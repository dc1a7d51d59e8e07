/**
 * A new socket joins the room of each friend group its user is in (`rooms.group`), during the
 * handshake like the friends' audiences (friends/socket.ts), so that a group-limited post made
 * after the client saw `connect` reaches it. Only groups of owners who are the user's friends now
 * (the friend-id cache answers): a membership left behind by a race with an unfriend joins nothing.
 */
import { rooms } from '../../realtime/rooms.js';
import type { HubSocket } from '../../realtime/types.js';
import type { Viewer } from '../accounts/viewer.js';
import type { FriendRelations } from '../friends/relations.js';
import type { GroupMembership } from './membership.js';

export function joinGroupRooms(membership: Pick<GroupMembership, 'groupsWithOwners'>, friends: Pick<FriendRelations, 'friendIds'>) {
  return async (socket: HubSocket, viewer: Viewer): Promise<void> => {
    const [memberships, friendIds] = await Promise.all([membership.groupsWithOwners(viewer.id), friends.friendIds(viewer.id)]);
    if (memberships.length === 0) return;
    const friendSet = new Set(friendIds);
    const names = memberships.filter((m) => friendSet.has(m.ownerId)).map((m) => rooms.group(m.ownerId, m.groupId));
    if (names.length) await socket.join(names);
  };
}
