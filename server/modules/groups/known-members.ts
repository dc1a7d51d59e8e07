/**
 * Who may be in some friend group, so that the connect of everyone else (most users: groups are
 * the exception) costs no store query for group rooms. A per-node set, read from the store at
 * start and added to before this node stores a group with new members.
 *
 * It only ever errs towards "maybe": nobody is ever taken out (a removal leaves a harmless
 * "maybe"), and until the start-up read is in, everyone is "maybe". On a cluster other nodes add
 * members this node never hears of, so there it always answers "maybe" and the caller asks the
 * store, as before.
 */
import type { Model } from 'mongoose';
import type { Logger } from '../../logger.js';
import type { GroupRecord } from './model.js';

export interface KnownMembersDeps {
  readonly groups: Model<GroupRecord>;
  /** True when other nodes may change groups too (a cluster): then every answer is "maybe". */
  readonly clustered: boolean;
  readonly logger?: Logger;
}

export interface KnownMembers {
  /** False only when `userId` is surely in no group; true means "ask the store". */
  readonly mayBeMember: (userId: string) => boolean;
  /** Before a group with these new members is stored: they may be members from now on. */
  readonly adding: (userIds: readonly string[]) => void;
  /** Settles once the start-up read is in (or failed, or was never made: a cluster). */
  readonly ready: Promise<void>;
}

export function createKnownMembers({ groups, clustered, logger }: KnownMembersDeps): KnownMembers {
  const members = new Set<string>();
  let loaded = false;
  // Members added while this runs are in the set already (adding), and stay: never a "no" too many.
  const ready = clustered
    ? Promise.resolve()
    : groups
        .distinct('members')
        .then((ids) => {
          for (const id of ids) members.add(String(id));
          loaded = true;
        })
        .catch((err: unknown) => logger?.warn({ err }, 'group members not loaded; asking the store on every connect'));
  return {
    ready,
    mayBeMember: (userId) => clustered || !loaded || members.has(userId),
    adding: (userIds) => {
      for (const id of userIds) members.add(id);
    },
  };
}
