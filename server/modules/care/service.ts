/**
 * Special care (特别关心, v1.2): a user marks up to 20 friends whose new posts they never want to
 * miss; each such post they may see also gives them a `care` notification (posts/care-notices.ts).
 * Only current friends count: a care mark outlives an unfriending in the store but is ignored (and
 * not listed) until they are friends again.
 */
import { Types, type Connection } from 'mongoose';
import type { UserDto } from '../../../shared/dto.js';
import { limits as shared } from '../../../shared/limits.js';
import { conflict, notFound } from '../../errors.js';
import type { Pusher } from '../../realtime/pusher.js';
import type { RateLimitRule } from '../../rate-limits.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import type { FriendRelations } from '../friends/relations.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import type { ClusterBus } from '../../realtime/cluster-bus.js';
import { createCarersCache } from './carers-cache.js';
import { careModel } from './model.js';

export interface CareServiceDeps {
  readonly conn: Connection;
  readonly accounts: Pick<AccountService, 'getUsers' | 'requireByHandle'>;
  readonly friends: Pick<FriendRelations, 'areFriends' | 'friendIds'>;
  /** Tells the marker's other tabs and devices (`care:change`). */
  readonly pusher: Pick<Pusher, 'toUser'>;
  /** Tells every node to forget who cares for an author (without it: this node only). */
  readonly bus?: Pick<ClusterBus, 'broadcast' | 'onBroadcast'>;
}

/** The cluster-bus channel naming an author whose carers changed. */
const caresChannel = 'care:changed';

const oid = (id: string) => new Types.ObjectId(id);

export function createCareService({ conn, accounts, friends, pusher, bus }: CareServiceDeps) {
  const cares = careModel(conn);
  const carers = createCarersCache(cares);
  bus?.onBroadcast(caresChannel, (authorId) => {
    if (typeof authorId === 'string') carers.forget(authorId);
  });
  /** A mark on `authorId` was made or taken back: every node (this one at once) reads its carers again. */
  const changed = (authorId: string) => (bus ? bus.broadcast(caresChannel, authorId) : carers.forget(authorId));

  const limits = {
    change: { name: 'care-change', points: 120, perSeconds: 10 * 60 },
  } as const satisfies Record<string, RateLimitRule>;

  /** The friends `userId` cares for now, as ids, oldest mark first. */
  async function caredIds(userId: string): Promise<string[]> {
    const [marks, friendIds] = await Promise.all([
      cares
        .find({ user: oid(userId) }, { friend: 1, _id: 0 })
        .sort({ since: 1, _id: 1 })
        .lean<Array<{ friend: Types.ObjectId }>>(),
      friends.friendIds(userId),
    ]);
    const current = new Set(friendIds);
    return marks.map((m) => m.friend.toHexString()).filter((id) => current.has(id));
  }

  return {
    limits,

    /** Cares for a friend (again: nothing changes); a 21st is `conflict`, a non-friend `not_found`. */
    async care(viewer: Viewer, handle: string): Promise<void> {
      const friend = await accounts.requireByHandle(handle);
      if (!(await friends.areFriends(viewer.id, friend.id))) throw notFound('friend');
      const cared = await caredIds(viewer.id);
      if (cared.includes(friend.id)) return;
      if (cared.length >= shared.caredFriends) throw conflict(`you may care specially for at most ${shared.caredFriends} friends`);
      let mark: Types.ObjectId;
      try {
        mark = (await cares.create({ user: oid(viewer.id), friend: oid(friend.id), since: new Date() }))._id;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        return;
      } finally {
        changed(friend.id);
      }
      // Two marks made at once (two tabs, two nodes) may both have passed the count above: ranked by
      // when they were made, whichever lands past the limit is taken back, so the limit always holds.
      if ((await caredIds(viewer.id)).indexOf(friend.id) >= shared.caredFriends) {
        await cares.deleteOne({ _id: mark });
        changed(friend.id);
        throw conflict(`you may care specially for at most ${shared.caredFriends} friends`);
      }
      pusher.toUser(viewer.id, 'care:change', { user: friend, cared: true });
    },

    /** Stops caring for `handle` (not cared for: nothing changes; no such user: `not_found`). */
    async uncare(viewer: Viewer, handle: string): Promise<void> {
      const friend = await accounts.requireByHandle(handle);
      const { deletedCount } = await cares.deleteOne({ user: oid(viewer.id), friend: oid(friend.id) });
      if (deletedCount === 0) return;
      changed(friend.id);
      pusher.toUser(viewer.id, 'care:change', { user: friend, cared: false });
    },

    /** The friends the viewer cares for. */
    async list(viewer: Viewer): Promise<{ users: UserDto[] }> {
      const ids = await caredIds(viewer.id);
      const users = await accounts.getUsers(ids);
      return { users: ids.flatMap((id) => users.get(id) ?? []) };
    },

    /** Who cares for `authorId` and is still their friend (their new posts notify these people). */
    async carersOf(authorId: string): Promise<string[]> {
      if (!Types.ObjectId.isValid(authorId)) return [];
      // Cached per author, forgotten on every node when a mark on them changes (carers-cache.ts).
      const marks = await carers.get(authorId);
      if (!marks.length) return [];
      const current = new Set(await friends.friendIds(authorId));
      return marks.filter((id) => current.has(id));
    },
  };
}

export type CareService = ReturnType<typeof createCareService>;
