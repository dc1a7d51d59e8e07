/**
 * The part of friend groups that posts and albums need: who is in which group (`membership`, cached
 * per owner and forgotten on every node when an owner's groups change) and turning a post's or
 * album's `groups` / `except` into what is stored. Built before posts and albums; the group service
 * (service.ts), which edits groups and so needs to ask posts and albums who may still see what, after.
 */
import { Types, type Connection } from 'mongoose';
import type { Privacy, UserDto } from '../../../shared/dto.js';
import { invalid } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { ClusterBus } from '../../realtime/cluster-bus.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import { createKnownMembers } from './known-members.js';
import { createGroupMembership } from './membership.js';
import { groupModel } from './model.js';

export interface GroupAudienceDeps {
  readonly conn: Connection;
  readonly accounts: Pick<AccountService, 'requireByHandle'>;
  /** Tells every node to forget an owner's cached groups (without it: this node only). */
  readonly bus?: Pick<ClusterBus, 'broadcast' | 'onBroadcast'>;
  /** True when other nodes may change groups too (then `mayBeMember` always says "maybe"). */
  readonly clustered: boolean;
  readonly logger?: Logger;
}

/** A post's or album's audience as the client gave it (handles, group ids). */
export interface AudienceInput {
  readonly privacy: Privacy;
  readonly groups?: readonly string[] | undefined;
  readonly except?: readonly string[] | undefined;
}

/** The same, as stored: user and group ids. */
export interface StoredAudience {
  readonly groups?: Types.ObjectId[];
  readonly except?: Types.ObjectId[];
}

const oid = (id: string) => new Types.ObjectId(id);

/** Users by handle, in order; `invalid` on `field` naming the first handle of no one. */
export async function usersByHandle(
  accounts: Pick<AccountService, 'requireByHandle'>,
  handles: readonly string[],
  field: string,
): Promise<UserDto[]> {
  return Promise.all(
    handles.map((handle) =>
      accounts.requireByHandle(handle).catch(() => {
        throw invalid(`no user @${handle}`, { [field]: `no user @${handle}` });
      }),
    ),
  );
}

export function createGroupAudiences({ conn, accounts, bus, clustered, logger }: GroupAudienceDeps) {
  const membership = createGroupMembership(conn);
  const known = createKnownMembers({ groups: groupModel(conn), clustered, ...(logger ? { logger } : {}) });
  bus?.onBroadcast('groups:changed', (owner) => {
    if (typeof owner === 'string') membership.forget([owner]);
  });

  return {
    /** Who is in which group, for the socket handshake (socket.ts) and the live audience of limited items. */
    membership,
    /** False only for someone surely in no group (known-members.ts): their connect asks no store. */
    mayBeMember: known.mayBeMember,
    /** Before a group with new members is stored. */
    adding: known.adding,

    /** The owner's groups changed: every node's cache forgets them (this one at once). */
    changed(ownerId: string): void {
      if (bus) bus.broadcast('groups:changed', ownerId);
      else membership.forget([ownerId]);
    },

    /**
     * What a post's or album's `groups` / `except` store: the groups must be the author's own, and
     * `except` must name users (`invalid` otherwise). Unknown and foreign group ids answer alike.
     */
    async resolveAudience(viewer: Viewer, input: AudienceInput): Promise<StoredAudience> {
      if (input.privacy === 'groups') {
        const ids = (input.groups ?? []).map((id) => id.toLowerCase());
        const mine = await membership.ownerGroups(viewer.id);
        if (ids.length === 0 || !ids.every((id) => mine.has(id))) throw invalid('unknown group', { groups: 'must be groups of yours' });
        return { groups: ids.map(oid) };
      }
      if (input.privacy === 'friends' && input.except?.length) {
        const users = await usersByHandle(accounts, input.except, 'except');
        return { except: users.map((u) => oid(u.id)) };
      }
      return {};
    },
  };
}

export type GroupAudiences = ReturnType<typeof createGroupAudiences>;
