/**
 * Inserts and single-document updates of one collection, batched (batcher.ts): concurrent calls go
 * to the store as one unordered `insert` or `update` command, and each caller hears its own outcome:
 * a duplicate key refuses that one document (error 11000, as `isDuplicateKey` expects), not its
 * neighbours. Every write is acknowledged only once its command committed, as alone.
 */
import { mongo } from 'mongoose';
import { allFulfilled, createBatcher, type BatcherOptions } from './batcher.js';

// mongoose's own copy of the driver: its errors are the ones its collections throw.
type Collection<T extends mongo.Document> = mongo.Collection<T>;
type Document = mongo.Document;

/** A write error of a bulk write: the driver's own class or the server's plain shape, each with the statement's index. */
const isIndexed = (e: unknown): e is { readonly index: number } =>
  typeof e === 'object' && e !== null && typeof (e as { index?: unknown }).index === 'number';

/** Each operation's outcome: the refused ones rejected with their own write error, the rest fulfilled. */
function outcomesOf(count: number, err: unknown, done: (err: mongo.MongoBulkWriteError) => number): Array<PromiseSettledResult<void>> {
  if (!(err instanceof mongo.MongoBulkWriteError) || err.writeConcernError) throw err;
  const writeErrors = ([] as unknown[]).concat(err.writeErrors).filter(isIndexed);
  // Only when every statement is accounted for (done or refused) are the others known to be stored;
  // a command that failed as a whole (the connection lost mid-write) fails every caller.
  if (writeErrors.length === 0 || done(err) + writeErrors.length !== count) throw err;
  const refused = new Map(writeErrors.map((e) => [e.index, e]));
  return Array.from({ length: count }, (_, i): PromiseSettledResult<void> => {
    const writeError = refused.get(i);
    return writeError ? { status: 'rejected', reason: writeError } : { status: 'fulfilled', value: undefined };
  });
}

/** `insertOne`, batched: answers when the document is stored; rejects with its own write error. */
export function batchedInserts<T extends Document>(collection: Collection<T>, options?: BatcherOptions) {
  return createBatcher<mongo.OptionalUnlessRequiredId<T>, void>(async (docs) => {
    try {
      await collection.insertMany([...docs], { ordered: false });
      return allFulfilled(docs.length, undefined);
    } catch (err) {
      return outcomesOf(docs.length, err, (e) => e.insertedCount);
    }
  }, options);
}

export type SingleUpdate<T extends Document> = Extract<mongo.AnyBulkWriteOperation<T>, { updateOne: unknown }>['updateOne'];

/** `updateOne`, batched: answers when the update (or upsert) is stored. */
export function batchedUpdates<T extends Document>(collection: Collection<T>, options?: BatcherOptions) {
  return createBatcher<SingleUpdate<T>, void>(async (updates) => {
    try {
      await collection.bulkWrite(
        updates.map((updateOne) => ({ updateOne })),
        { ordered: false },
      );
      return allFulfilled(updates.length, undefined);
    } catch (err) {
      return outcomesOf(updates.length, err, (e) => e.matchedCount + e.upsertedCount);
    }
  }, options);
}
