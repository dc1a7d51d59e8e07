/**
 * Group commit for hot paths (server/db/batcher.ts, batched-writes.ts): calls made while a batch is
 * in the store go together in the next one, each caller hears its own outcome, and a batched insert's
 * duplicate key refuses that document alone — on the real store, through mongoose's driver.
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchedInserts, batchedUpdates } from '../../server/db/batched-writes.js';
import { createBatcher, type BatchRun } from '../../server/db/batcher.js';
import { isDuplicateKey } from '../../server/db/duplicate-key.js';
import { pairLookup } from '../../server/db/pair-lookup.js';
import { startTarget, type Target } from './embedded/target.js';

/** A batch run that records each batch and waits for the test to let it finish. */
function recordingRun() {
  const batches: number[][] = [];
  const releases: Array<() => void> = [];
  const run: BatchRun<number, number> = async (items) => {
    batches.push([...items]);
    await new Promise<void>((resolve) => releases.push(resolve));
    return items.map((n) => (n < 0 ? { status: 'rejected', reason: new Error(`negative ${n}`) } : { status: 'fulfilled', value: n * 10 }));
  };
  return { run, batches, release: () => releases.shift()?.() };
}

describe('the batcher', () => {
  it('sends the calls of one turn together, and the calls made meanwhile together in the next batch', async () => {
    const { run, batches, release } = recordingRun();
    const call = createBatcher(run);
    const first = [call(1), call(2)];
    await Promise.resolve();
    expect(batches).toEqual([[1, 2]]);
    const meanwhile = [call(3), call(-4), call(5)];
    release();
    expect(await Promise.all(first)).toEqual([10, 20]);
    expect(batches).toEqual([
      [1, 2],
      [3, -4, 5],
    ]);
    release();
    const settled = await Promise.allSettled(meanwhile);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([30, 'negative -4', 50]);
  });

  it('splits a long queue at maxBatch, and a batch that throws fails its own calls only', async () => {
    let failNext = true;
    const seen: number[][] = [];
    const call = createBatcher<number, number>(
      (items) => {
        seen.push([...items]);
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('store unavailable'));
        }
        return Promise.resolve(items.map((n) => ({ status: 'fulfilled', value: n })));
      },
      { maxBatch: 2 },
    );
    const settled = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => call(n)));
    expect(seen).toEqual([[1, 2], [3, 4], [5]]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(await call(6)).toBe(6);
  });
});

describe('batched writes on the store', () => {
  let target: Target;
  let conn: mongoose.Connection;

  beforeAll(async () => {
    target = await startTarget('embedded', 'batched-writes');
    conn = await mongoose.createConnection(target.uri).asPromise();
    await conn.collection('entries').createIndex({ owner: 1, seq: 1 }, { unique: true });
  });

  afterAll(async () => {
    await conn.close();
    await target.close();
  });

  it('refuses only the duplicate of a batch, with error 11000, and stores its neighbours', async () => {
    const entries = conn.collection('entries');
    const insert = batchedInserts(entries);
    await insert({ owner: 'a', seq: 1 });
    const settled = await Promise.allSettled([
      insert({ owner: 'a', seq: 2 }),
      insert({ owner: 'a', seq: 1 }),
      insert({ owner: 'b', seq: 1 }),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(isDuplicateKey((settled[1] as PromiseRejectedResult).reason)).toBe(true);
    const stored = await entries
      .find({}, { projection: { _id: 0 } })
      .sort({ owner: 1, seq: 1 })
      .toArray();
    expect(stored).toEqual([
      { owner: 'a', seq: 1 },
      { owner: 'a', seq: 2 },
      { owner: 'b', seq: 1 },
    ]);
  });

  it('applies each update of a batch, upserts included', async () => {
    const times = conn.collection('times');
    const touch = batchedUpdates(times);
    await Promise.all([
      touch({ filter: { _id: 'x' as never }, update: { $max: { at: 5 } }, upsert: true }),
      touch({ filter: { _id: 'x' as never }, update: { $max: { at: 3 } }, upsert: true }),
      touch({ filter: { _id: 'y' as never }, update: { $max: { at: 7 } }, upsert: true }),
    ]);
    expect(await times.find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'x', at: 5 },
      { _id: 'y', at: 7 },
    ]);
  });

  it('gives every module the same pair check of a model, so that all their checks share batches', async () => {
    const edges = conn.model('Edge', new mongoose.Schema({ a: mongoose.Schema.Types.ObjectId, b: mongoose.Schema.Types.ObjectId }));
    const [x, y] = [new mongoose.Types.ObjectId(), new mongoose.Types.ObjectId()];
    await edges.create({ a: x, b: y });
    const check = pairLookup(edges, 'a', 'b');
    expect(pairLookup(edges, 'a', 'b')).toBe(check);
    expect(pairLookup(edges, 'b', 'a')).not.toBe(check);
    expect(
      await Promise.all([check(x.toHexString(), y.toHexString()), check(y.toHexString(), x.toHexString()), check('nope', 'x')]),
    ).toEqual([true, false, false]);
  });
});
