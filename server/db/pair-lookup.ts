/**
 * "Does this directed pair exist?" for the pair collections (pair-schema.ts: blocks, friendships),
 * batched: the checks made meanwhile are one `$or` of exact pairs, each branch a seek on the pair's
 * unique index (a lean query: no hydration). Every privacy check of a send or a page view asks one
 * of these; under load they share a store command.
 */
import { Types } from 'mongoose';
import { batchedLookup } from './batcher.js';

/** Branches of one `$or` at most (the embedded store plans up to 256 by index). */
const pairsPerQuery = 256;

/**
 * A pair model's lean find. Through the model, not its raw collection: while the store is away,
 * mongoose buffers a collection's calls and answers a promise where `find` answers a cursor.
 */
export interface PairFinder {
  find(filter: { $or: object[] }, projection: object): { lean(): PromiseLike<unknown[]> };
}

export type PairCheck = (a: string, b: string) => Promise<boolean>;

/** One check per model and direction, however many modules ask for it, so that all their checks share batches. */
const checks = new WeakMap<PairFinder, Map<string, PairCheck>>();

/** The check for `model`'s pairs, `from` → `to` (its pair-schema.ts field names); the same one for every caller. */
export function pairLookup(model: PairFinder, from: string, to: string): PairCheck {
  const ofModel = checks.get(model) ?? new Map<string, PairCheck>();
  checks.set(model, ofModel);
  const key = `${from}>${to}`;
  const known = ofModel.get(key);
  if (known) return known;
  const check = createPairCheck(model, from, to);
  ofModel.set(key, check);
  return check;
}

function createPairCheck(model: PairFinder, from: string, to: string): PairCheck {
  const exists = batchedLookup<string, true>(
    async (keys) => {
      const branches = keys.map((key) => {
        const [a, b] = key.split(':') as [string, string];
        return { [from]: new Types.ObjectId(a), [to]: new Types.ObjectId(b) };
      });
      const found = (await model.find({ $or: branches }, { [from]: 1, [to]: 1, _id: 0 }).lean()) as Array<Record<string, Types.ObjectId>>;
      return new Map(found.map((pair) => [`${pair[from]?.toHexString()}:${pair[to]?.toHexString()}`, true as const]));
    },
    { maxBatch: pairsPerQuery },
  );
  return async (a, b) => {
    if (!Types.ObjectId.isValid(a) || !Types.ObjectId.isValid(b)) return false;
    return (await exists(`${new Types.ObjectId(a).toHexString()}:${new Types.ObjectId(b).toHexString()}`)) === true;
  };
}
