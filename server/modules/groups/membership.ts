/**
 * The questions other modules ask about friend groups: which of an owner's groups a viewer is in
 * (a read of a group-limited item), which groups a viewer is in at all (the feed), who is in some
 * groups (a group-limited post's live audience). Always read from the store, never cached, so that
 * taking someone out of a group hides its items from their next read on.
 */
import { Types, type Connection } from 'mongoose';
import { groupModel } from './model.js';

const oid = (id: string) => new Types.ObjectId(id);

export function createGroupMembership(conn: Connection) {
  const groups = groupModel(conn);
  return {
    /** The ids of `ownerId`'s groups that `memberId` is in. */
    async groupsOf(ownerId: string, memberId: string): Promise<Set<string>> {
      if (!Types.ObjectId.isValid(ownerId) || !Types.ObjectId.isValid(memberId)) return new Set();
      const found = await groups.find({ members: oid(memberId), owner: oid(ownerId) }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
      return new Set(found.map((g) => g._id.toHexString()));
    },

    /** Every group `memberId` is in, whoever owns it: what the feed's group-limited query matches. */
    async memberOf(memberId: string): Promise<Types.ObjectId[]> {
      const found = await groups.find({ members: oid(memberId) }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
      return found.map((g) => g._id);
    },

    /** The members of `ownerId`'s groups `groupIds` (each once), as user ids. */
    async membersOf(ownerId: string, groupIds: readonly Types.ObjectId[]): Promise<string[]> {
      if (groupIds.length === 0) return [];
      const found = await groups
        .find({ _id: { $in: [...groupIds] }, owner: oid(ownerId) }, { members: 1 })
        .lean<{ members: Types.ObjectId[] }[]>();
      return [...new Set(found.flatMap((g) => g.members.map((m) => m.toHexString())))];
    },

    /** `a` and `b` are no longer friends: each leaves every group of the other's. */
    async separate(a: string, b: string): Promise<void> {
      await groups.updateMany({ owner: oid(a), members: oid(b) }, { $pull: { members: oid(b) } });
      await groups.updateMany({ owner: oid(b), members: oid(a) }, { $pull: { members: oid(a) } });
    },
  };
}

export type GroupMembership = ReturnType<typeof createGroupMembership>;
