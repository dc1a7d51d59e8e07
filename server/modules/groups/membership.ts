/**
 * The questions other modules ask about friend groups: which of an owner's groups a viewer is in
 * (a read of a group-limited item), which groups a viewer is in at all (the feed; with their owners,
 * the group rooms a new socket joins: asks of one event-loop turn share one query), which groups an
 * owner has (a group-limited post's or album's live audience: the rooms of those groups). Reads ask the store every time, so that taking
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

/** One group a user is in, by its owner and id. */
export interface MemberGroup {
  readonly ownerId: string;
  readonly groupId: string;
}

type Waiting = { resolve: (groups: MemberGroup[]) => void; reject: (err: unknown) => void }[];

export function createGroupMembership(conn: Connection) {
  const groups = groupModel(conn);
  let batch: Map<string, Waiting> | undefined;

  /** Answers one turn's `groupsWithOwners` asks with one query. */
  async function flush(asked: Map<string, Waiting>): Promise<void> {
    try {
      const found = await groups
        .find({ members: { $in: [...asked.keys()].map(oid) } }, { _id: 1, owner: 1, members: 1 })
        .lean<{ _id: Types.ObjectId; owner: Types.ObjectId; members: Types.ObjectId[] }[]>();
      const byMember = new Map<string, MemberGroup[]>();
      for (const g of found) {
        const entry = { ownerId: g.owner.toHexString(), groupId: g._id.toHexString() };
        for (const m of g.members) {
          const id = m.toHexString();
          if (asked.has(id)) byMember.set(id, [...(byMember.get(id) ?? []), entry]);
        }
      }
      for (const [id, waiting] of asked) for (const w of waiting) w.resolve(byMember.get(id) ?? []);
    } catch (err) {
      for (const waiting of asked.values()) for (const w of waiting) w.reject(err);
    }
  }
  let cache = caches.get(conn);
  if (!cache) caches.set(conn, (cache = new Map<string, Promise<OwnerGroups>>()));
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

    /**
     * Every group `memberId` is in, with its owner, read now: the group rooms a new socket joins.
     * Asks made in the same event-loop turn (a reconnect storm) share one `$in` query.
     */
    groupsWithOwners(memberId: string): Promise<MemberGroup[]> {
      return new Promise((resolve, reject) => {
        if (!batch) {
          const mine = (batch = new Map<string, Waiting>());
          setImmediate(() => {
            batch = undefined;
            void flush(mine);
          });
        }
        const waiting = batch.get(memberId) ?? [];
        waiting.push({ resolve, reject });
        batch.set(memberId, waiting);
      });
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
