/**
 * Friends: requests, acceptance, the friend list, unfriending, and the `FriendRelations` every other
 * module asks before showing or pushing anything. `areFriends` is not cached: it is one indexed
 * lookup, and a stale "still friends" answer after an unfriend would be a leak. `friendIds` is
 * cached (every connect, presence change and post asks for it) and invalidated here, on every
 * node, whenever a friendship is made or ended (friend-ids.ts).
 */
import { Types, type Connection } from 'mongoose';
import type { FriendRequestDto, UserDto } from '../../../shared/dto.js';
import { conflict, invalid, notFound } from '../../errors.js';
import type { RateLimitRule } from '../../rate-limits.js';
import type { ClusterBus } from '../../realtime/cluster-bus.js';
import type { Pusher } from '../../realtime/pusher.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import type { Notifier } from '../notifications/notifier.js';
import { createAreFriends } from './are-friends.js';
import { createFriendIdCache } from './friend-ids.js';
import { friendEdgeModel, friendRequestModel, pairKeyOf, type FriendRequestRecord } from './model.js';
import type { FriendRelations } from './relations.js';
import type { Relation } from './visibility.js';
import { createBlockLookup } from '../blocks/lookup.js';
import { createGroupMembership } from '../groups/membership.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { recordOf } from '../../db/record-of.js';

export interface FriendServiceDeps {
  readonly conn: Connection;
  readonly pusher: Pusher;
  readonly accounts: Pick<AccountService, 'getUser' | 'getUsers' | 'requireByHandle'>;
  readonly notifier: Notifier;
  /** Tells every node to forget cached friend ids (without it: this node only). */
  readonly bus?: Pick<ClusterBus, 'broadcast' | 'onBroadcast'>;
}

/** How many pending requests each list shows at most. */
const requestListMax = 500;

const oid = (id: string) => new Types.ObjectId(id);

export function createFriendService({ conn, pusher, accounts, notifier, bus }: FriendServiceDeps) {
  const edges = friendEdgeModel(conn);
  const requests = friendRequestModel(conn);
  const friendIdCache = createFriendIdCache(edges);
  const groups = createGroupMembership(conn);
  // A friendship was made or ended: every node (this one at once) forgets both users' friend ids.
  bus?.onBroadcast('friends:changed', (ids) => {
    if (!Array.isArray(ids)) return;
    const users = ids.filter((id): id is string => typeof id === 'string');
    friendIdCache.forget(users);
    groups.forget(users); // an ended friendship also emptied each one's groups of the other
  });
  const changed = (a: string, b: string) => {
    if (bus) bus.broadcast('friends:changed', [a, b]);
    else {
      friendIdCache.forget([a, b]);
      groups.forget([a, b]);
    }
  };
  const blocks = createBlockLookup(conn);

  const limits = {
    request: { name: 'friend-request', points: 60, perSeconds: 10 * 60 },
  } as const satisfies Record<string, RateLimitRule>;

  const areFriends = createAreFriends(conn);

  async function toRequestDtos(records: readonly FriendRequestRecord[]): Promise<FriendRequestDto[]> {
    const users = await accounts.getUsers(records.flatMap((r) => [r.from.toHexString(), r.to.toHexString()]));
    const dtos: FriendRequestDto[] = [];
    for (const r of records) {
      const from = users.get(r.from.toHexString());
      const to = users.get(r.to.toHexString());
      if (from && to) dtos.push({ id: r._id.toHexString(), from, to, status: r.status, createdAt: r.createdAt.toISOString() });
    }
    return dtos;
  }

  /** Writes both edges (idempotent upserts), so a retried acceptance heals a half-written one. */
  async function link(a: string, b: string, since: Date): Promise<void> {
    for (const [user, friend] of [
      [a, b],
      [b, a],
    ] as const) {
      try {
        await edges.updateOne({ user: oid(user), friend: oid(friend) }, { $setOnInsert: { since } }, { upsert: true });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // a concurrent upsert made it: same outcome
      }
    }
    changed(a, b);
    await pusher.joinAudience(a, b);
  }

  /** Makes the pending `request` a friendship: edges first, then the request is marked accepted. */
  async function acceptPending(request: FriendRequestRecord, recipient: Viewer): Promise<UserDto> {
    const requesterId = request.from.toHexString();
    const requester = await accounts.getUser(requesterId);
    if (!requester) throw notFound('friend request');
    const now = new Date();
    await link(requesterId, recipient.id, now);
    await requests.updateOne({ _id: request._id, status: 'pending' }, { $set: { status: 'accepted', decidedAt: now } });
    // Both sides' open friend lists and presence dots follow at once, whatever notifications they muted.
    pusher.toUser(requesterId, 'friend:change', { userId: recipient.id, friends: true });
    pusher.toUser(recipient.id, 'friend:change', { userId: requesterId, friends: true });
    await notifier.notify({
      to: requesterId,
      kind: 'friend_accept',
      actorId: recipient.id,
      subject: { type: 'friend_request', id: request._id.toHexString() },
    });
    return requester;
  }

  async function pendingOf(id: string, recipientId: string): Promise<FriendRequestRecord> {
    const request = await requests.findOne({ _id: oid(id), to: oid(recipientId), status: 'pending' }).lean<FriendRequestRecord>();
    if (!request) throw notFound('friend request');
    return request;
  }

  const relations: FriendRelations = {
    async relation(viewerId: string | null, ownerId: string): Promise<Relation> {
      if (viewerId === null) return 'anonymous';
      if (viewerId === ownerId) return 'self';
      // Both in parallel: a block answers first in meaning, but costs no extra round trip.
      const [friends, blockedByOwner] = await Promise.all([areFriends(viewerId, ownerId), blocks.blocks(ownerId, viewerId)]);
      if (blockedByOwner) return 'blocked';
      return friends ? 'friend' : 'stranger';
    },
    areFriends,
    friendIds: (userId: string) => friendIdCache.get(userId),
    friendIdList: (userId: string) => friendIdCache.list(userId),
    async circle(viewerId: string, ownerId: string) {
      return { viewerId, groupIds: await groups.groupsOf(ownerId, viewerId) };
    },
  };

  return {
    ...relations,
    limits,

    /**
     * Asks `to` to be friends. If `to` already asked the viewer, that request is accepted instead
     * (both want it), and the answer carries it with status `accepted`.
     */
    async request(viewer: Viewer, toHandle: string): Promise<{ request: FriendRequestDto }> {
      const target = await accounts.requireByHandle(toHandle);
      if (target.id === viewer.id) throw invalid('you cannot send yourself a friend request', { to: 'must be someone else' });
      // Blocked either way: as if there were no such user (a block is never revealed by its error).
      if (await blocks.eitherWay(viewer.id, target.id)) throw notFound('user');
      if (await areFriends(viewer.id, target.id)) throw conflict('you are already friends');
      const pairKey = pairKeyOf(viewer.id, target.id);
      const existing = await requests.findOne({ pairKey, status: 'pending' }).lean<FriendRequestRecord>();
      if (existing) {
        if (existing.from.toHexString() === viewer.id) throw conflict('you already asked; waiting for an answer');
        await acceptPending(existing, viewer);
        const [dto] = await toRequestDtos([{ ...existing, status: 'accepted', decidedAt: new Date() }]);
        if (!dto) throw notFound('user');
        return { request: dto };
      }
      let created: FriendRequestRecord;
      try {
        const doc = await requests.create({ from: oid(viewer.id), to: oid(target.id), pairKey, status: 'pending', createdAt: new Date() });
        created = recordOf<FriendRequestRecord>(doc);
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('a friend request between you is already pending');
        throw err;
      }
      await notifier.notify({
        to: target.id,
        kind: 'friend_request',
        actorId: viewer.id,
        subject: { type: 'friend_request', id: created._id.toHexString() },
      });
      const [dto] = await toRequestDtos([created]);
      if (!dto) throw notFound('user');
      return { request: dto };
    },

    /** The viewer's pending requests, newest first: those sent to them and those they sent. */
    async listRequests(viewer: Viewer): Promise<{ incoming: FriendRequestDto[]; outgoing: FriendRequestDto[] }> {
      const me = oid(viewer.id);
      const [incoming, outgoing] = await Promise.all([
        requests.find({ to: me, status: 'pending' }).sort({ createdAt: -1 }).limit(requestListMax).lean<FriendRequestRecord[]>(),
        requests.find({ from: me, status: 'pending' }).sort({ createdAt: -1 }).limit(requestListMax).lean<FriendRequestRecord[]>(),
      ]);
      return { incoming: await toRequestDtos(incoming), outgoing: await toRequestDtos(outgoing) };
    },

    /** Accepts a request sent to the viewer; anyone else's request answers not_found. */
    async accept(viewer: Viewer, requestId: string): Promise<{ friend: UserDto }> {
      const request = await pendingOf(requestId, viewer.id);
      return { friend: await acceptPending(request, viewer) };
    },

    /** Declines a request sent to the viewer; anyone else's request answers not_found. */
    async decline(viewer: Viewer, requestId: string): Promise<void> {
      const updated = await requests.findOneAndUpdate(
        { _id: oid(requestId), to: oid(viewer.id), status: 'pending' },
        { $set: { status: 'declined', decidedAt: new Date() } },
      );
      if (!updated) throw notFound('friend request');
    },

    /** The viewer's friends, most recent friendships first. */
    async list(viewer: Viewer): Promise<{ friends: UserDto[] }> {
      const found = await edges
        .find({ user: oid(viewer.id) }, { friend: 1, _id: 0 })
        .sort({ since: -1 })
        .lean<{ friend: Types.ObjectId }[]>();
      const ids = found.map((e) => e.friend.toHexString());
      const users = await accounts.getUsers(ids);
      return { friends: ids.flatMap((id) => users.get(id) ?? []) };
    },

    /**
     * Ends a friendship both ways. Access to friends-only items ends at once: both edges go, then
     * each side's sockets leave the other's audience and post rooms (live posts, comments and
     * likes stop too).
     */
    async remove(viewer: Viewer, friendHandle: string): Promise<void> {
      const other = await accounts.requireByHandle(friendHandle);
      if (other.id === viewer.id) throw notFound('friend');
      const result = await edges.deleteMany({
        $or: [
          { user: oid(viewer.id), friend: oid(other.id) },
          { user: oid(other.id), friend: oid(viewer.id) },
        ],
      });
      if (result.deletedCount === 0) throw notFound('friend');
      await groups.separate(viewer.id, other.id);
      // Before the rooms: a socket connecting meanwhile must not join an audience from a stale list.
      changed(viewer.id, other.id);
      await pusher.leaveAudience(viewer.id, other.id);
      pusher.toUser(other.id, 'friend:change', { userId: viewer.id, friends: false });
      pusher.toUser(viewer.id, 'friend:change', { userId: other.id, friends: false });
    },
  };
}

export type FriendService = ReturnType<typeof createFriendService>;
