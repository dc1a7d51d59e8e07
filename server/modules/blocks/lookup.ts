/**
 * The block checks every other module asks (friend relations, search, notifications). No cache: a
 * check is one indexed look-up, and a stale "not blocked" answer would be exactly the leak a block
 * exists to prevent.
 */
import { Types, type Connection } from 'mongoose';
import { pairLookup } from '../../db/pair-lookup.js';
import { blockModel } from './model.js';

const valid = (...ids: string[]) => ids.every((id) => Types.ObjectId.isValid(id));
const oid = (id: string) => new Types.ObjectId(id);

export interface BlockLookup {
  /** Whether `blockerId` blocks `blockedId`. */
  blocks(blockerId: string, blockedId: string): Promise<boolean>;
  /** Whether either of the two blocks the other. */
  eitherWay(a: string, b: string): Promise<boolean>;
  /** Everyone `userId` blocks or is blocked by, as user ids (search and suggestions leave them out). */
  separatedFrom(userId: string): Promise<string[]>;
}

export function createBlockLookup(conn: Connection): BlockLookup {
  const blocks = blockModel(conn);
  // Checks made meanwhile share one query (both directions of an `eitherWay` too).
  const blockExists = pairLookup(blocks, 'blocker', 'blocked');
  return {
    async blocks(blockerId, blockedId) {
      if (blockerId === blockedId) return false;
      return blockExists(blockerId, blockedId);
    },
    async eitherWay(a, b) {
      if (a === b) return false;
      const [ab, ba] = await Promise.all([blockExists(a, b), blockExists(b, a)]);
      return ab || ba;
    },
    async separatedFrom(userId) {
      if (!valid(userId)) return [];
      const id = oid(userId);
      const [mine, theirs] = await Promise.all([
        blocks.find({ blocker: id }, { blocked: 1, _id: 0 }).lean<Array<{ blocked: Types.ObjectId }>>(),
        blocks.find({ blocked: id }, { blocker: 1, _id: 0 }).lean<Array<{ blocker: Types.ObjectId }>>(),
      ]);
      return [...new Set([...mine.map((b) => b.blocked.toHexString()), ...theirs.map((b) => b.blocker.toHexString())])];
    },
  };
}
