/**
 * Who may follow a space, so that the connects of everyone else (nearly all users) skip the fans
 * query. Read from the store when the node starts and grown by every follow on this node; it only
 * errs towards "maybe" (an unfollow leaves its user in: one query per connect, as before). On a
 * cluster, follows on other nodes are unseen, so there it always answers "maybe".
 */
import type { Model } from 'mongoose';
import type { Logger } from '../../logger.js';

export interface FollowerSetDeps {
  readonly fans: Pick<Model<{ owner: string; fan: string }>, 'distinct'>;
  readonly clustered: boolean;
  readonly logger: Logger;
}

export function createFollowerSet({ fans, clustered, logger }: FollowerSetDeps) {
  const known = new Set<string>();
  let loaded = false;
  if (!clustered) {
    // A follow while this runs is added by `following` as well: nothing is missed.
    fans
      .distinct('fan')
      .then((ids: unknown[]) => {
        for (const id of ids) known.add(String(id));
        loaded = true;
      })
      .catch((err: unknown) => logger.warn({ err }, 'followers not loaded; asking the store on every connect'));
  }
  return {
    /** False only when `userId` surely follows no space; true means "ask the store". */
    mayFollow(userId: string): boolean {
      return clustered || !loaded || known.has(userId);
    },
    /** Before a follow is stored. */
    following(userId: string): void {
      known.add(userId);
    },
  };
}
