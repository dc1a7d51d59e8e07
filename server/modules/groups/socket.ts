/**
 * A new socket joins the room of each friend group its user is in (`rooms.group`), during the
 * handshake like the friends' audiences (friends/socket.ts), so that a group-limited post made
 * after the client saw `connect` reaches it. Only groups of owners who are the user's friends now
 * (the friend-id cache answers): a membership left behind by a race with an unfriend joins nothing.
 *
 * A removal (from the group, or of the friendship) made between the read and the join leaves the
 * rooms of the user's sockets before this one is in them, so it would stay: once joined, the socket
 * reads its memberships again and leaves every room they no longer give. A removal after that second
 * read finds the socket in the room and takes it out itself.
 *
 * Someone the node knows to be in no group (known-members.ts; never on a cluster) reads nothing: a
 * membership added after that check is joined by the group service itself (`pusher.joinUser`), as it
 * was when the store read came before the write.
 */
import { rooms } from '../../realtime/rooms.js';
import type { HubSocket } from '../../realtime/types.js';
import type { Viewer } from '../accounts/viewer.js';
import type { FriendRelations } from '../friends/relations.js';
import type { GroupMembership } from './membership.js';

export function joinGroupRooms(
  membership: Pick<GroupMembership, 'groupsWithOwners'>,
  friends: Pick<FriendRelations, 'friendIdList'>,
  /** False only for someone surely in no group (known-members.ts): then nothing is read. */
  mayBeMember: (userId: string) => boolean = () => true,
) {
  return async (socket: HubSocket, viewer: Viewer): Promise<void> => {
    if (!mayBeMember(viewer.id)) return;
    const [memberships, friendIds] = await Promise.all([membership.groupsWithOwners(viewer.id), friends.friendIdList(viewer.id)]);
    if (memberships.length === 0) return;
    const names = roomsOf(memberships, friendIds);
    if (names.length === 0) return;
    await socket.join(names);
    const now = new Set(roomsOf(...(await Promise.all([membership.groupsWithOwners(viewer.id), friends.friendIdList(viewer.id)]))));
    for (const name of names) if (!now.has(name)) await socket.leave(name);
  };
}

/** The rooms of the groups a user is in whose owners are the user's friends. */
function roomsOf(memberships: ReadonlyArray<{ ownerId: string; groupId: string }>, friendIds: readonly string[]): string[] {
  const friendSet = new Set(friendIds);
  return memberships.filter((m) => friendSet.has(m.ownerId)).map((m) => rooms.group(m.ownerId, m.groupId));
}
