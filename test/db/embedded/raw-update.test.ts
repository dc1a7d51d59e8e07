/**
 * The in-place update path (raw-update.ts) must agree with mingo, the semantic authority, on every
 * update it takes, keep every other field's exact bytes and the patched field's BSON type (as
 * MongoDB does), and leave to the general path whatever it cannot do in place. Through the driver:
 * counters updated in place are answered, found through other indexes, returned by findAndModify
 * before and after, and survive a restart.
 */
import fs from 'node:fs';
import { deserialize, Double, Int32, Long, ObjectId, serialize, type Document } from 'bson';
import fc from 'fast-check';
import { update as mingoUpdate } from 'mingo';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore } from '../../../server/db/embedded/index.js';
import { patchRaw } from '../../../server/db/embedded/raw-update.js';
import { startTarget, targetKinds, tempDir, type Target } from './target.js';

const field = fc.constantFrom('a', 'b', 'c', 'n', 'ü');
const oids = [new ObjectId('64b7f0000000000000000001'), new ObjectId('64b7f0000000000000000002')];
/** Stored values, with their BSON type pinned (an integral Double stays a Double). */
const stored = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((v) => new Int32(v)),
  fc.integer({ min: -5, max: 5 }).map((v) => new Int32(v)),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map((v) => new Double(v)),
  fc.integer({ min: -5, max: 5 }).map((v) => new Double(v)),
  fc.string({ maxLength: 3 }),
  fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...oids),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.record({ x: fc.integer() }),
);
/** Operands as the store sees them: the command body is decoded with numbers promoted. */
const operand = fc.oneof(
  { arbitrary: fc.integer({ min: -5, max: 5 }), weight: 4 },
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 0.5, -0, 1e300),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
  fc.string({ maxLength: 3 }),
  fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...oids),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const fields = { a: stored, b: stored, c: stored, n: stored, ü: stored };
const doc = fc.oneof({ arbitrary: fc.record(fields), weight: 3 }, { arbitrary: fc.record(fields, { requiredKeys: [] }), weight: 1 });
const operator = fc.constantFrom('$set', '$set', '$inc', '$inc', '$inc', '$unset', '$max', 'a.b');
const mod = fc.uniqueArray(fc.tuple(field, operator, operand), { selector: ([f]) => f, minLength: 1, maxLength: 2 }).map((entries) => {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [f, op, v] of entries) {
    const [name, path] = op === 'a.b' ? ['$set', `${f}.x`] : [op, f];
    (out[name] ??= {})[path] = op === '$unset' ? '' : v;
  }
  return out;
});

const byMingo = (d: Document, m: Document) => {
  try {
    mingoUpdate(d, m, undefined, undefined, {
      cloneMode: 'copy',
      queryOptions: { idKey: '_id', scriptEnabled: false, useStrictMode: true },
    });
    return { ok: true as const, doc: d };
  } catch {
    return { ok: false as const };
  }
};

/** Each top-level value with its BSON type (Int32 / Double wrappers), by name. */
const typed = (b: Uint8Array): Document => deserialize(b, { promoteValues: false });

describe('in-place updates (raw-update.ts)', () => {
  it('agree with mingo on every update they take, keep the other fields byte for byte and the field types', () => {
    let taken = 0;
    let unchanged = 0;
    fc.assert(
      fc.property(doc, mod, (d, m) => {
        const raw = Buffer.from(serialize({ _id: 1, ...d }));
        const out = patchRaw(raw, m, () => false);
        if (out === undefined) return;
        taken++;
        if (out === null) unchanged++;
        const theirs = byMingo(deserialize(raw), m);
        expect(theirs.ok).toBe(true);
        const mine = out ?? raw;
        expect(mine.length).toBe(raw.length);
        expect(deserialize(mine)).toEqual(theirs.ok ? theirs.doc : undefined);
        const before = typed(raw);
        const after = typed(mine);
        expect(Object.keys(after)).toEqual(Object.keys(before));
        const touched = new Set(Object.values(m).flatMap((fields) => Object.keys(fields as Document)));
        for (const k of Object.keys(before)) {
          if (touched.has(k)) expect(after[k]?.constructor).toBe(before[k]?.constructor);
          else expect(after[k]).toEqual(before[k]);
        }
      }),
      { numRuns: 20000 },
    );
    expect(taken).toBeGreaterThan(600);
    expect(unchanged).toBeGreaterThan(10);
  });

  it.each([
    ['an indexed field', { $inc: { n: 1 } }, { n: 1 }],
    ['a missing field', { $inc: { m: 1 } }, { n: 1 }],
    ['an int32 that overflows', { $inc: { n: 1 } }, { n: 2 ** 31 - 1 }],
    ['an int32 given a fraction', { $inc: { n: 0.5 } }, { n: 1 }],
    ['a Long', { $inc: { n: 1 } }, { n: Long.fromNumber(2 ** 40) }],
    ['a string of another length', { $set: { s: 'abc' } }, { s: 'ab' }],
    ['a number becoming a string', { $set: { s: 'a' } }, { s: 1 }],
    ['a dotted path', { $set: { 's.x': 1 } }, { s: { x: 2 } }],
    ['_id', { $set: { _id: 1 } }, {}],
    ['another operator', { $inc: { n: 1 }, $unset: { s: '' } }, { n: 1, s: 1 }],
    ['an empty operator', { $set: {} }, { n: 1 }],
  ])('leaves %s to the general path', (what, m, d) => {
    const raw = Buffer.from(serialize({ _id: 1, ...d }));
    expect(patchRaw(raw, m, (f) => what === 'an indexed field' && f === 'n')).toBeUndefined();
  });

  it('keeps a Double a Double under $inc, as MongoDB does', () => {
    const raw = Buffer.from(serialize({ _id: 1, x: new Double(1.5) }));
    const out = patchRaw(raw, { $inc: { x: 0.5 } }, () => false)!;
    expect(typed(out).x).toEqual(new Double(2));
    expect(patchRaw(out, { $inc: { x: 0 } }, () => false)).toBeNull();
  });
});

describe.each(targetKinds)('updates of unindexed fields through the driver against %s', (kind) => {
  let target: Target;
  let client: MongoClient;

  beforeAll(async () => {
    target = await startTarget(kind, 'rawupdate');
    client = await new MongoClient(target.uri).connect();
  });

  afterAll(async () => {
    if (kind === 'mongodb') await client.db(target.dbName).dropDatabase();
    await client.close();
    await target.close();
  });

  it('answers, finds through other indexes, and findAndModify returns the version asked for', async () => {
    const posts = client.db(target.dbName).collection<Document>('posts');
    await posts.createIndex({ author: 1, createdAt: -1 });
    const createdAt = new Date('2026-12-07T20:00:00Z');
    await posts.insertMany([0, 1, 2].map((i) => ({ _id: i as never, author: 'ana', createdAt, likes: 0, hot: false, score: 0.5 })));
    expect(await posts.updateOne({ _id: 1 as never }, { $inc: { likes: 2 }, $set: { hot: true } })).toMatchObject({
      matchedCount: 1,
      modifiedCount: 1,
    });
    expect(await posts.updateOne({ _id: 1 as never }, { $set: { hot: true } })).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    expect(await posts.updateMany({}, { $inc: { score: 1 } })).toMatchObject({ matchedCount: 3, modifiedCount: 3 });
    const before = await posts.findOneAndUpdate({ _id: 2 as never }, { $inc: { likes: 5 } }, { returnDocument: 'before' });
    expect(before).toMatchObject({ _id: 2, likes: 0 });
    const after = await posts.findOneAndUpdate(
      { _id: 2 as never },
      { $inc: { likes: 5 } },
      { returnDocument: 'after', projection: { likes: 1 } },
    );
    expect(after).toEqual({ _id: 2, likes: 10 });
    const found = await posts.find({ author: 'ana', createdAt }).sort({ _id: 1 }).toArray();
    expect(found).toEqual([
      { _id: 0, author: 'ana', createdAt, likes: 0, hot: false, score: 1.5 },
      { _id: 1, author: 'ana', createdAt, likes: 2, hot: true, score: 1.5 },
      { _id: 2, author: 'ana', createdAt, likes: 10, hot: false, score: 1.5 },
    ]);
    expect(await posts.countDocuments({ likes: { $gt: 1 } })).toBe(2);
  });
});

describe('updates of unindexed fields, durably', () => {
  it('are on disk when acknowledged and read back after a restart', async () => {
    const dir = tempDir('rawupdate-restart');
    try {
      let store = await startEmbeddedStore({ dir });
      let client = await new MongoClient(`${store.uri}/t`).connect();
      const c = client.db().collection<Document>('c');
      await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i as never, likes: 0, at: new Date(0) })));
      for (let round = 0; round < 3; round++) {
        await Promise.all(
          Array.from({ length: 50 }, (_, i) => c.updateOne({ _id: i as never }, { $inc: { likes: i }, $set: { at: new Date(round) } })),
        );
      }
      await client.close();
      await store.close();
      store = await startEmbeddedStore({ dir });
      client = await new MongoClient(`${store.uri}/t`).connect();
      const docs = await client.db().collection('c').find().sort({ _id: 1 }).toArray();
      expect(docs).toEqual(Array.from({ length: 50 }, (_, i) => ({ _id: i, likes: 3 * i, at: new Date(2) })));
      await client.close();
      await store.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
