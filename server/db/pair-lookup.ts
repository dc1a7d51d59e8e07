/**
 * "Does this directed pair exist?" for the pair collections (pair-schema.ts: blocks, friendships),
 * batched: the checks made meanwhile are one `$or` of exact pairs, each branch a seek on the pair's
 * unique index (read with the driver: no mongoose query or hydration). Every privacy check of a
 * send or a page view asks one of these; under load they share a store command.
 */
import { Types, type mongo } from 'mongoose';
import { batchedLookup } from './batcher.js';

/** Branches of one `$or` at most (the embedded store plans up to 256 by index). */
const pairsPerQuery = 256;

/** The check for `collection`'s pairs, `from` → `to` (its pair-schema.ts field names). */
export function pairLookup(collection: mongo.Collection, from: string, to: string): (a: string, b: string) => Promise<boolean> {
  const exists = batchedLookup<string, true>(
    async (keys) => {
      const branches = keys.map((key) => {
        const [a, b] = key.split(':') as [string, string];
        return { [from]: new Types.ObjectId(a), [to]: new Types.ObjectId(b) };
      });
      const found = await collection.find({ $or: branches }, { projection: { [from]: 1, [to]: 1, _id: 0 } }).toArray();
      return new Map(found.map((pair) => [`${String(pair[from])}:${String(pair[to])}`, true as const]));
    },
    { maxBatch: pairsPerQuery },
  );
  return async (a, b) => {
    if (!Types.ObjectId.isValid(a) || !Types.ObjectId.isValid(b)) return false;
    return (await exists(`${new Types.ObjectId(a).toHexString()}:${new Types.ObjectId(b).toHexString()}`)) === true;
  };
}
