/**
 * Certified spaces and their fans. A moderator certifies a space; anyone may then like ("follow")
 * it. Its public posts reach fans live through one room per certified space, which each fan's
 * sockets join on connect and on follow (the posts module pushes to `fanRooms(...)`).
 */
import type { Connection } from 'mongoose';
import type { Privacy, UserDto } from '../../../shared/dto.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { createBlockLookup } from '../blocks/lookup.js';
import type { Logger } from '../../logger.js';
import { rooms } from '../../realtime/rooms.js';
import type { Pusher } from '../../realtime/pusher.js';
import type { AccountService } from '../accounts/service.js';
import type { SpaceService } from '../spaces/service.js';
import type { Viewer } from '../accounts/viewer.js';
import type { AuditLog } from '../moderation/audit.js';
import { createFollowerSet } from './followers.js';
import { fanModel } from './model.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';

export interface FanServiceDeps {
  readonly conn: Connection;
  readonly pusher: Pusher;
  readonly accounts: AccountService;
  /** The spaces service owns the `certified` flag. */
  readonly spaces: Pick<SpaceService, 'setCertified' | 'isCertified' | 'certifiedAmong'>;
  readonly audit: AuditLog;
  readonly logger: Logger;
  /** Other nodes share the store (a cluster): this node does not see every follow. Default true. */
  readonly clustered?: boolean;
}

export interface FanState {
  readonly fans: number;
  readonly fan: boolean;
}

/** Certification changes rarely; other nodes see one within this long. */
const certifiedTtlMs = 3_000;

export function createFanService({ conn, pusher, accounts, spaces, audit, logger, clustered = true }: FanServiceDeps) {
  const fans = fanModel(conn);
  const blocks = createBlockLookup(conn);
  const certifiedCache = new Map<string, { certified: boolean; at: number }>();
  const followers = createFollowerSet({ fans, clustered, logger });

  async function isCertified(ownerId: string): Promise<boolean> {
    const hit = certifiedCache.get(ownerId);
    if (hit && Date.now() - hit.at < certifiedTtlMs) return hit.certified;
    const certified = await spaces.isCertified(ownerId);
    if (certifiedCache.size > 10_000) certifiedCache.clear();
    certifiedCache.set(ownerId, { certified, at: Date.now() });
    return certified;
  }

  const countFans = (ownerId: string) => fans.countDocuments({ owner: ownerId });

  /** The space's certification and fan count, live to its owner and to everyone with the space open. */
  function announce(ownerId: string, certified: boolean, count: number): void {
    pusher.toEach([rooms.user(ownerId), rooms.guestbook(ownerId)], 'space:fans', { ownerId, certified, fans: count });
  }

  /** Certified spaces `userId` follows, as owner ids. */
  async function followedIds(userId: string): Promise<string[]> {
    const followed = await fans.find({ fan: userId }, { owner: 1 }).lean<Array<{ owner: string }>>();
    if (!followed.length) return [];
    return spaces.certifiedAmong(followed.map((f) => f.owner));
  }

  return {
    isCertified,
    followedIds,

    /**
     * The rooms a newly visible post must also be pushed to, beyond its friends: the fans room of
     * its author when the post is public and the author's space is certified.
     */
    async fanRooms(authorId: string, privacy: Privacy): Promise<string[]> {
      return privacy === 'public' && (await isCertified(authorId)) ? [rooms.fans(authorId)] : [];
    },

    /** A moderator certifies (or uncertifies) `handle`'s space. */
    async certify(viewer: Viewer, handle: string, certified: boolean): Promise<{ user: UserDto; certified: boolean; fans: number }> {
      const owner = await accounts.requireByHandle(handle);
      await spaces.setCertified(owner.id, certified);
      certifiedCache.set(owner.id, { certified, at: Date.now() });
      await audit.record(viewer, certified ? 'space.certify' : 'space.uncertify', { type: 'space', id: owner.id }, owner.handle);
      const count = await countFans(owner.id);
      announce(owner.id, certified, count);
      return { user: owner, certified, fans: count };
    },

    /** Whether the viewer likes `handle`'s space, and how many do. */
    async state(viewer: Viewer | null, handle: string): Promise<FanState> {
      const owner = await accounts.requireByHandle(handle);
      const fan = viewer ? Boolean(await fans.exists({ owner: owner.id, fan: viewer.id })) : false;
      return { fans: await countFans(owner.id), fan };
    },

    /** The viewer likes a certified space (idempotent); their sockets join its fans room at once. */
    async follow(viewer: Viewer, handle: string): Promise<FanState> {
      const owner = await accounts.requireByHandle(handle);
      if (owner.id === viewer.id) throw invalid('you cannot be a fan of your own space');
      // A space whose owner blocks the viewer is not there for them (v1.1 blocking).
      if (await blocks.blocks(owner.id, viewer.id)) throw notFound('user');
      if (!(await isCertified(owner.id))) throw conflict('only certified spaces have fans');
      followers.following(viewer.id);
      try {
        await fans.create({ owner: owner.id, fan: viewer.id });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      // A friend already gets the space's posts through its audience room (rooms.ts).
      await pusher.joinUserUnless(viewer.id, rooms.fans(owner.id), rooms.audience(owner.id));
      const count = await countFans(owner.id);
      announce(owner.id, true, count);
      return { fans: count, fan: true };
    },

    /** The viewer stops liking a space (idempotent). */
    async unfollow(viewer: Viewer, handle: string): Promise<FanState> {
      const owner = await accounts.requireByHandle(handle);
      const { deletedCount } = await fans.deleteOne({ owner: owner.id, fan: viewer.id });
      await pusher.leaveUser(viewer.id, rooms.fans(owner.id));
      const count = await countFans(owner.id);
      if (deletedCount) announce(owner.id, await isCertified(owner.id), count);
      return { fans: count, fan: false };
    },

    /**
     * The certified spaces `userId` likes, as owner ids, for a new socket to join their fans rooms
     * (socket.ts). Nearly everyone follows nothing: their connects cost no query. Never rejects: a
     * failed read is logged and joins nothing.
     */
    async followedSpaces(userId: string): Promise<string[]> {
      if (!followers.mayFollow(userId)) return [];
      return followedIds(userId).catch((err: unknown) => {
        logger.warn({ err, user: userId }, 'fans rooms not joined');
        return [];
      });
    },
  };
}

export type FanService = ReturnType<typeof createFanService>;
