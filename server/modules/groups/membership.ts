/**
 * The questions other modules ask about friend groups: which of an owner's groups a viewer is in
 * (a read of a group-limited item), which groups a viewer is in at all (the feed), who is in some
 * groups (a group-limited post's live audience). Reads ask the store every time, so that taking
 * someone out of a group hides its items from their next read on. The live audience and the check
 * of a new post's groups read each owner's groups from a cache (one per store connection, shared by
 * every module on it), forgotten on this node at once whenever the owner's groups change and on the
 * others through the cluster bus (`forget`): a group post then costs no store query to fan out.
 */
import { Types, type Connection } from 'mongoose';
import { groupModel } from './model.js';

const oid = (id: string) => new Types.ObjectId(id);

/** An owner's groups: group id → member ids. */
export type OwnerGroups = ReadonlyMap<string, readonly string[]>;

/** Owners whose groups are cached, per connection; bounded (cleared whole when full). */
const caches = new WeakMap<Connection, Map<string, Promise<OwnerGroups>>>();
const cacheMax = 100_000;

export function createGroupMembership(conn: Connection) {
  const groups = groupModel(conn);
  let cache = caches.get(conn);
  if (!cache) caches.set(conn, (cache = new Map()));
  const owners = cache;

  /** The owner's groups, from the cache (a miss reads them once, shared by concurrent callers). */
  function ownerGroups(ownerId: string): Promise<OwnerGroups> {
    let hit = owners.get(ownerId);
    if (!hit) {
      if (owners.size >= cacheMax) owners.clear();
      hit = groups
        .find({ owner: oid(ownerId) }, { members: 1 })
        .lean<{ _id: Types.ObjectId; members: Types.ObjectId[] }[]>()
        .then((found) => new Map(found.map((g) => [g._id.toHexString(), g.members.map((m) => m.toHexString())])));
      owners.set(ownerId, hit);
      hit.catch(() => owners.delete(ownerId));
    }
    return hit;
  }

  return {
    ownerGroups,

    /** Forgets the cached groups of `ownerIds` on this node (the groups service and friends call it, on every node). */
    forget(ownerIds: readonly string[]): void {
      for (const id of ownerIds) owners.delete(id);
    },

    /** The ids of `ownerId`'s groups that `memberId` is in, read now. */
    async groupsOf(ownerId: string, memberId: string): Promise<Set<string>> {
      if (!Types.ObjectId.isValid(ownerId) || !Types.ObjectId.isValid(memberId)) return new Set();
      const found = await groups.find({ members: oid(memberId), owner: oid(ownerId) }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
      return new Set(found.map((g) => g._id.toHexString()));
    },

    /** Every group `memberId` is in, whoever owns it, read now: what the feed's group-limited query matches. */
    async memberOf(memberId: string): Promise<Types.ObjectId[]> {
      const found = await groups.find({ members: oid(memberId) }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
      return found.map((g) => g._id);
    },

    /** Every group `memberId` is in, with its owner, read now: the group rooms a new socket joins. */
    async groupsWithOwners(memberId: string): Promise<{ ownerId: string; groupId: string }[]> {
      const found = await groups
        .find({ members: oid(memberId) }, { _id: 1, owner: 1 })
        .lean<{ _id: Types.ObjectId; owner: Types.ObjectId }[]>();
      return found.map((g) => ({ ownerId: g.owner.toHexString(), groupId: g._id.toHexString() }));
    },

    /** The members of `ownerId`'s groups `groupIds` (each once), as user ids: a limited item's live audience. */
    async membersOf(ownerId: string, groupIds: readonly Types.ObjectId[]): Promise<string[]> {
      if (groupIds.length === 0) return [];
      const mine = await ownerGroups(ownerId);
      return [...new Set(groupIds.flatMap((g) => mine.get(g.toHexString()) ?? []))];
    },

    /** `a` and `b` are no longer friends: each leaves every group of the other's. */
    async separate(a: string, b: string): Promise<void> {
      await groups.updateMany({ owner: oid(a), members: oid(b) }, { $pull: { members: oid(b) } });
      await groups.updateMany({ owner: oid(b), members: oid(a) }, { $pull: { members: oid(a) } });
      owners.delete(a);
      owners.delete(b);
    },
  };
}

export type GroupMembership = ReturnType<typeof createGroupMembership>;
