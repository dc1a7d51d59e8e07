/**
 * Blocking. While A blocks B, B gets `not_found` for everything of A's (the friend relation answers
 * `blocked`, which no privacy level admits), cannot reach A by request, invite, guestbook entry,
 * comment, like, repost or mention, and A's content never reaches B live. Blocking ends what joined
 * the two: the friendship (both edges), pending friend requests and game invites, fan follows, and
 * every room one's sockets joined for the other's content — left at once on every node.
 */
import { Types, type Connection } from 'mongoose';
import type { UserDto } from '../../../shared/dto.js';
import { AppError, invalid } from '../../errors.js';
import type { Pusher } from '../../realtime/pusher.js';
import { rooms } from '../../realtime/rooms.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import { fanModel } from '../fans/model.js';
import { friendRequestModel, pairKeyOf } from '../friends/model.js';
import type { FriendService } from '../friends/service.js';
import { inviteModel } from '../games/invite-model.js';
import { createBlockLookup } from './lookup.js';
import { blockModel } from './model.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';

export interface BlockServiceDeps {
  readonly conn: Connection;
  readonly pusher: Pusher;
  readonly accounts: Pick<AccountService, 'requireByHandle' | 'getUsers'>;
  /** Ends a friendship the way unfriending does (its caches and rooms included). */
  readonly friends: Pick<FriendService, 'remove'>;
}

const oid = (id: string) => new Types.ObjectId(id);

/** The realtime layer's audience rooms, when it has them (server/realtime/pusher.ts). */
type AudiencePusher = Pusher & { leaveAudience?: (a: string, b: string) => Promise<void> };

export function createBlockService({ conn, pusher, accounts, friends }: BlockServiceDeps) {
  const blocks = blockModel(conn);
  const lookup = createBlockLookup(conn);

  /** Ends everything that joined the two, in the store first, then their sockets' rooms. */
  async function separate(viewer: Viewer, target: UserDto): Promise<void> {
    const [a, b] = [viewer.id, target.id];
    try {
      await friends.remove(viewer, target.handle);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'not_found')) throw err; // not friends: nothing to end
    }
    const now = new Date();
    const pairKey = pairKeyOf(a, b);
    await friendRequestModel(conn).updateMany({ pairKey, status: 'pending' }, { $set: { status: 'declined', decidedAt: now } });
    await inviteModel(conn).updateMany({ pairKey, status: 'pending' }, { $set: { status: 'cancelled', decidedAt: now } });
    await fanModel(conn).deleteMany({
      $or: [
        { owner: a, fan: b },
        { owner: b, fan: a },
      ],
    });
    const live = pusher as AudiencePusher;
    await Promise.all([
      live.leaveAudience?.(a, b),
      pusher.leaveUser(a, rooms.postsOf(b)),
      pusher.leaveUser(b, rooms.postsOf(a)),
      pusher.leaveUser(a, rooms.fans(b)),
      pusher.leaveUser(b, rooms.fans(a)),
    ]);
  }

  return {
    lookup,

    /** `PUT /api/blocks/:handle`: idempotent. */
    async block(viewer: Viewer, handle: string): Promise<void> {
      const target = await accounts.requireByHandle(handle);
      if (target.id === viewer.id) throw invalid('you cannot block yourself', { handle: 'must be someone else' });
      try {
        await blocks.updateOne(
          { blocker: oid(viewer.id), blocked: oid(target.id) },
          { $setOnInsert: { createdAt: new Date() } },
          { upsert: true },
        );
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // a concurrent block made it: same outcome
      }
      await separate(viewer, target);
      // The blocked user's open pages drop the blocker's space, posts and friendship at once; from now on
      // they would get `not_found` for all of it anyway, so this tells them nothing a reload would not.
      pusher.toUser(target.id, 'user:gone', { userId: viewer.id });
    },

    /** `DELETE /api/blocks/:handle`: idempotent; the friendship does not come back. */
    async unblock(viewer: Viewer, handle: string): Promise<void> {
      const target = await accounts.requireByHandle(handle);
      await blocks.deleteOne({ blocker: oid(viewer.id), blocked: oid(target.id) });
    },

    /** `GET /api/blocks`: whom the viewer blocks, most recent first. */
    async list(viewer: Viewer): Promise<{ users: UserDto[] }> {
      const found = await blocks
        .find({ blocker: oid(viewer.id) }, { blocked: 1, _id: 0 })
        .sort({ createdAt: -1 })
        .limit(1000)
        .lean<Array<{ blocked: Types.ObjectId }>>();
      const ids = found.map((b) => b.blocked.toHexString());
      const users = await accounts.getUsers(ids);
      return { users: ids.flatMap((id) => users.get(id) ?? []) };
    },
  };
}

export type BlockService = ReturnType<typeof createBlockService>;
