/**
 * Friend groups (分组): an owner's named sets of friends (at most 20 groups, names 1–20 characters;
 * a friend may be in several; only friends may be members, and ending a friendship takes each out
 * of the other's groups, see friends/service.ts). Also turns the `groups` / `except` of a post or
 * album into what is stored, refusing groups that are not the author's and handles of no one.
 * Taking someone out of a group (or deleting it) hides its items from their next read on, and their
 * sockets leave the group's room (no further live post of it reaches them) and the rooms of the
 * owner's items they may no longer see (open posts, albums). Someone put in a group joins its room at once.
 * Every change is pushed to the owner's own sockets (`group:update`, `group:remove`): the groups screen
 * is live in every tab. Membership and audiences, which posts and albums need, are audience.ts.
 */
import { Types, type Connection } from 'mongoose';
import type { GroupDto } from '../../../shared/dto.js';
import { limits } from '../../../shared/limits.js';
import type { GroupCreateBody, GroupPatchBody } from '../../../shared/schemas/groups.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { createKeyedQueue } from '../../keyed-queue.js';
import type { Pusher } from '../../realtime/pusher.js';
import { rooms } from '../../realtime/rooms.js';
import { recordOf } from '../../db/record-of.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import type { FriendRelations } from '../friends/relations.js';
import { usersByHandle, type GroupAudiences } from './audience.js';
import { groupModel, type GroupRecord } from './model.js';

export interface GroupServiceDeps {
  readonly conn: Connection;
  readonly accounts: Pick<AccountService, 'getUsers' | 'requireByHandle'>;
  readonly friends: Pick<FriendRelations, 'areFriends'>;
  readonly pusher: Pick<Pusher, 'leaveUnless' | 'joinUser' | 'leaveUser' | 'toUser'>;
  /** The groups' membership and its cache, shared with posts and albums (audience.ts). */
  readonly audiences: Pick<GroupAudiences, 'membership' | 'changed' | 'mayBeMember' | 'adding'>;
  /** Whether someone taken out of a group may still see the item behind one of the owner's rooms. */
  readonly roomCheck: RoomCheck;
}

/** Whether `userId` may still see the item behind one of `ownerId`'s rooms (a post, an album). */
export type RoomCheck = (userId: string, ownerId: string, room: string) => Promise<boolean>;

const oid = (id: string) => new Types.ObjectId(id);

export function createGroupService({ conn, accounts, friends, pusher, audiences, roomCheck }: GroupServiceDeps) {
  const groups = groupModel(conn);
  const { membership } = audiences;
  const changed = (ownerId: string) => audiences.changed(ownerId);
  const perOwner = createKeyedQueue();

  async function toDtos(records: readonly GroupRecord[]): Promise<GroupDto[]> {
    const users = await accounts.getUsers(records.flatMap((g) => g.members.map((m) => m.toHexString())));
    return records.map((g) => ({
      id: g._id.toHexString(),
      name: g.name,
      members: g.members.flatMap((m) => users.get(m.toHexString()) ?? []),
    }));
  }

  async function ownGroup(viewer: Viewer, id: string): Promise<GroupRecord> {
    const group = await groups.findOne({ _id: oid(id), owner: oid(viewer.id) }).lean<GroupRecord>();
    if (!group) throw notFound('group');
    return group;
  }

  /**
   * Those of `userIds` who left `ownerId`'s group `groupId` leave its room, then stop following
   * what they may no longer see.
   */
  async function revoke(ownerId: string, groupId: string, userIds: readonly string[]): Promise<void> {
    const room = rooms.group(ownerId, groupId);
    await Promise.all(userIds.map((userId) => pusher.leaveUser(userId, room)));
    await Promise.all(
      userIds.map((userId) => pusher.leaveUnless(userId, rooms.postsOf(ownerId), (room) => roomCheck(userId, ownerId, room))),
    );
  }

  return {
    /** Who is in which group, for the socket handshake (socket.ts) and the live audience of limited items. */
    membership,
    /** False only for someone surely in no group: the handshake then asks the store nothing. */
    mayBeMember: audiences.mayBeMember,

    /** The viewer's groups, oldest first. */
    async list(viewer: Viewer): Promise<{ groups: GroupDto[] }> {
      const found = await groups
        .find({ owner: oid(viewer.id) })
        .sort({ createdAt: 1, _id: 1 })
        .lean<GroupRecord[]>();
      return { groups: await toDtos(found) };
    },

    /** A new, empty group; at most `limits.groups`, names unique per owner. */
    async create(viewer: Viewer, body: GroupCreateBody): Promise<{ group: GroupDto }> {
      return perOwner(viewer.id, async () => {
        const mine = await groups.find({ owner: oid(viewer.id) }, { name: 1 }).lean<{ name: string }[]>();
        if (mine.length >= limits.groups) throw conflict(`at most ${limits.groups} groups`);
        if (mine.some((g) => g.name === body.name)) throw conflict('you already have a group of that name');
        const doc = await groups.create({ owner: oid(viewer.id), name: body.name, members: [], createdAt: new Date() });
        changed(viewer.id);
        const [group] = await toDtos([recordOf<GroupRecord>(doc)]);
        pusher.toUser(viewer.id, 'group:update', { group: group! });
        return { group: group! };
      });
    },

    /** Renames a group and/or replaces its members (friends only); those taken out lose its items at once. */
    async update(viewer: Viewer, id: string, body: GroupPatchBody): Promise<{ group: GroupDto }> {
      return perOwner(viewer.id, async () => {
        const group = await ownGroup(viewer, id);
        const set: { name?: string; members?: Types.ObjectId[] } = {};
        if (body.name !== undefined && body.name !== group.name) {
          if (await groups.exists({ owner: oid(viewer.id), name: body.name })) throw conflict('you already have a group of that name');
          set.name = body.name;
        }
        let removed: string[] = [];
        let added: string[] = [];
        if (body.members) {
          const users = await usersByHandle(accounts, body.members, 'members');
          const verdicts = await Promise.all(users.map((u) => friends.areFriends(viewer.id, u.id)));
          const stranger = users.find((_, i) => !verdicts[i]);
          if (stranger) throw invalid(`@${stranger.handle} is not your friend`, { members: `@${stranger.handle} is not your friend` });
          const kept = new Set(users.map((u) => u.id));
          const before = new Set(group.members.map((m) => m.toHexString()));
          removed = [...before].filter((m) => !kept.has(m));
          added = [...kept].filter((m) => !before.has(m));
          set.members = users.map((u) => oid(u.id));
          // Before the write: a connect that reads "surely in no group" after it would miss the room.
          audiences.adding(added);
        }
        const updated = await groups.findOneAndUpdate({ _id: group._id }, { $set: set }, { returnDocument: 'after' }).lean<GroupRecord>();
        if (!updated) throw notFound('group');
        changed(viewer.id);
        await Promise.all(added.map((userId) => pusher.joinUser(userId, rooms.group(viewer.id, group._id.toHexString()))));
        await revoke(viewer.id, group._id.toHexString(), removed);
        const [dto] = await toDtos([updated]);
        pusher.toUser(viewer.id, 'group:update', { group: dto! });
        return { group: dto! };
      });
    },

    /** Deletes a group: its items are seen by no member from now on (only by their author). */
    async remove(viewer: Viewer, id: string): Promise<void> {
      const group = await ownGroup(viewer, id);
      await groups.deleteOne({ _id: group._id });
      changed(viewer.id);
      pusher.toUser(viewer.id, 'group:remove', { groupId: group._id.toHexString() });
      await revoke(
        viewer.id,
        group._id.toHexString(),
        group.members.map((m) => m.toHexString()),
      );
    },
  };
}

export type GroupService = ReturnType<typeof createGroupService>;
