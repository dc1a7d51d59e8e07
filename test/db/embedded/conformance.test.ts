/**
 * Driver-level conformance: the same cases run against the embedded store and, when
 * MONGODB_URI is set, against a real MongoDB. Expectations follow MongoDB's documented behaviour.
 */
import { serialize } from 'bson';
import { Binary, Decimal128, Double, Int32, Long, MongoClient, MongoServerError, ObjectId, type Db, type UpdateFilter } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait-for.js';
import { startTarget, targetKinds, type Target } from './target.js';

interface Loose {
  _id?: string | number | ObjectId;
  n?: number | null;
  dec?: Decimal128;
  at?: Date | string;
  tags?: string[];
  list?: number[];
  scores?: Array<{ s: number; hi?: boolean }>;
  [field: string]: unknown;
}

describe.each(targetKinds)('conformance against %s', (kind) => {
  let target: Target;
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    target = await startTarget(kind, 'conf');
    client = new MongoClient(target.uri);
    await client.connect();
    db = client.db(target.dbName);
  });

  afterAll(async () => {
    if (kind === 'mongodb') await db.dropDatabase();
    await client.close();
    await target.close();
  });

  /** Untyped-schema collection (tests use numeric and string _id values). */
  const col = (name: string) => db.collection<Loose>(name);

  async function serverError(p: Promise<unknown>): Promise<MongoServerError> {
    try {
      await p;
    } catch (err) {
      expect(err).toBeInstanceOf(MongoServerError);
      return err as MongoServerError;
    }
    throw new Error('expected a server error');
  }

  it('answers hello and ping', async () => {
    const hello = await db.admin().command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.maxBsonObjectSize).toBe(16777216);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(21);
    expect(await db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('does basic CRUD with MongoDB result shapes', async () => {
    const c = col('crud');
    const ins = await c.insertMany([
      { _id: 1, name: 'a', n: 1 },
      { _id: 2, name: 'b', n: 2 },
      { _id: 3, name: 'c', n: 3 },
    ]);
    expect(ins.insertedCount).toBe(3);
    expect(await c.findOne({ _id: 2 })).toEqual({ _id: 2, name: 'b', n: 2 });
    const up = await c.updateMany({ n: { $gte: 2 } }, { $inc: { n: 10 }, $set: { big: true } } as unknown as UpdateFilter<Loose>);
    expect(up).toMatchObject({ matchedCount: 2, modifiedCount: 2, upsertedCount: 0 });
    const same = await c.updateOne({ _id: 1 }, { $set: { n: 1 } });
    expect(same).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    const rep = await c.replaceOne({ _id: 3 }, { name: 'z' });
    expect(rep.modifiedCount).toBe(1);
    expect(await c.findOne({ _id: 3 })).toEqual({ _id: 3, name: 'z' });
    const ups = await c.updateOne({ name: 'new' }, { $set: { n: 7 }, $setOnInsert: { created: true } }, { upsert: true });
    expect(ups.upsertedCount).toBe(1);
    expect(ups.upsertedId).toBeInstanceOf(ObjectId);
    expect(await c.findOne({ name: 'new' }, { projection: { _id: 0 } })).toEqual({ name: 'new', n: 7, created: true });
    const ups2 = await c.updateOne({ name: 'new' }, { $set: { n: 8 }, $setOnInsert: { created: false } }, { upsert: true });
    expect(ups2).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect((await c.findOne({ name: 'new' }))?.created).toBe(true);
    expect((await c.deleteOne({ n: { $gt: 0 } })).deletedCount).toBe(1);
    expect((await c.deleteMany({})).deletedCount).toBe(3);
    expect(await c.countDocuments()).toBe(0);
  });

  it('supports query operators', async () => {
    const c = col('ops');
    await c.insertMany([
      {
        _id: 1,
        tags: ['a', 'b'],
        n: 5,
        s: 'apple',
        sub: { x: 1 },
        items: [
          { k: 1, v: 'x' },
          { k: 2, v: 'y' },
        ],
      },
      { _id: 2, tags: ['b'], n: 10, s: 'banana', sub: { x: 2 }, items: [{ k: 3, v: 'x' }] },
      { _id: 3, tags: [], n: null, s: 'cherry' },
      { _id: 4, s: 'Apricot' },
    ]);
    const ids = async (f: object): Promise<unknown[]> => (await c.find(f).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ tags: 'b' })).toEqual([1, 2]);
    expect(await ids({ tags: { $all: ['a', 'b'] } })).toEqual([1]);
    expect(await ids({ tags: { $size: 0 } })).toEqual([3]);
    expect(await ids({ n: { $in: [5, 10] } })).toEqual([1, 2]);
    expect(await ids({ n: { $nin: [5, 10] } })).toEqual([3, 4]);
    expect(await ids({ n: null })).toEqual([3, 4]);
    expect(await ids({ n: { $exists: false } })).toEqual([4]);
    expect(await ids({ n: { $ne: 5 } })).toEqual([2, 3, 4]);
    expect(await ids({ s: { $regex: '^a', $options: 'i' } })).toEqual([1, 4]);
    expect(await ids({ s: /an/ })).toEqual([2]);
    expect(await ids({ $or: [{ n: 5 }, { s: 'cherry' }] })).toEqual([1, 3]);
    expect(await ids({ n: { $not: { $gt: 5 } } })).toEqual([1, 3, 4]);
    expect(await ids({ 'sub.x': { $gte: 2 } })).toEqual([2]);
    expect(await ids({ 'items.v': 'x' })).toEqual([1, 2]);
    expect(await ids({ items: { $elemMatch: { k: 2, v: 'y' } } })).toEqual([1]);
    expect(await ids({ n: { $type: 'null' } })).toEqual([3]);
    expect(await ids({ $expr: { $gt: ['$n', 6] } })).toEqual([2]);
  });

  it('sorts, skips, limits and projects', async () => {
    const c = col('ssl');
    await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i, g: i % 5, v: 50 - i, nested: { a: i, b: 'x' } })));
    const page = await c
      .find({ g: { $lt: 3 } })
      .sort({ g: -1, v: 1 })
      .skip(3)
      .limit(4)
      .toArray();
    expect(page.map((d) => d._id)).toEqual([32, 27, 22, 17]);
    const proj = await c
      .find({ _id: { $lt: 2 } }, { projection: { 'nested.a': 1, _id: 0 } })
      .sort({ _id: 1 })
      .toArray();
    expect(proj).toEqual([{ nested: { a: 0 } }, { nested: { a: 1 } }]);
    const excl = await c.findOne({ _id: 3 }, { projection: { nested: 0, g: 0 } });
    expect(excl).toEqual({ _id: 3, v: 47 });
    expect(await c.countDocuments({ g: 1 })).toBe(10);
    expect((await c.distinct('g')).sort()).toEqual([0, 1, 2, 3, 4]);
    const mixed = col('ssl_mixed');
    await mixed.insertMany([
      { _id: 1, v: 'str' },
      { _id: 2, v: 3 },
      { _id: 3 },
      { _id: 4, v: new Date(0) },
      { _id: 5, v: new ObjectId('000000000000000000000000') },
    ]);
    expect((await mixed.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual([3, 2, 1, 5, 4]);
  });

  it('serves large results through getMore and kills cursors', async () => {
    const c = col('big');
    const docs = Array.from({ length: 2500 }, (_, i) => ({ _id: i, pad: 'x'.repeat(100) }));
    await c.insertMany(docs);
    const cursor = c.find({}, { batchSize: 300 }).sort({ _id: 1 });
    let n = 0;
    for await (const d of cursor) {
      expect(d._id).toBe(n);
      n++;
    }
    expect(n).toBe(2500);
    const partial = c.find({}).batchSize(10);
    await partial.next();
    await partial.close();
    const res = await db.command({ find: 'big', filter: {}, batchSize: 2 });
    const id = res.cursor.id;
    expect(res.cursor.firstBatch).toHaveLength(2);
    const killed = await db.command({ killCursors: 'big', cursors: [id] });
    expect(killed.cursorsKilled).toHaveLength(1);
    const err = await serverError(db.command({ getMore: id, collection: 'big' }));
    expect(err.code).toBe(43);
  });

  it('enforces unique, compound and sparse indexes with E11000', async () => {
    const c = col('uniq');
    await c.createIndex({ name: 1 }, { unique: true });
    await c.insertOne({ name: 'x' });
    const e = await serverError(c.insertOne({ name: 'x' }));
    expect(e.code).toBe(11000);
    expect(e.message).toContain(`E11000 duplicate key error collection: ${target.dbName}.uniq index: name_1 dup key: { name: "x" }`);
    expect(e.keyPattern).toEqual({ name: 1 });
    expect(e.keyValue).toEqual({ name: 'x' });
    // Missing fields count as null for non-sparse unique indexes.
    await c.insertOne({ other: 1 });
    expect((await serverError(c.insertOne({ other: 2 }))).code).toBe(11000);

    const comp = col('uniq_comp');
    await comp.createIndex({ a: 1, b: -1 }, { unique: true, name: 'ab' });
    await comp.insertMany([
      { a: 1, b: 1 },
      { a: 1, b: 2 },
      { a: 2, b: 1 },
    ]);
    const ce = await serverError(comp.insertOne({ a: 1, b: 2 }));
    expect(ce.code).toBe(11000);
    expect(ce.keyPattern).toEqual({ a: 1, b: -1 });
    expect((await serverError(comp.updateOne({ a: 2 }, { $set: { b: 2, a: 1 } }))).code).toBe(11000);

    const sparse = col('uniq_sparse');
    await sparse.createIndex({ email: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ x: 1 }, { x: 2 }, { email: 'e' }]);
    expect((await serverError(sparse.insertOne({ email: 'e' }))).code).toBe(11000);

    const partial = col('uniq_partial');
    await partial.createIndex({ handle: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await partial.insertMany([
      { handle: 'h', active: false },
      { handle: 'h', active: true },
    ]);
    expect((await serverError(partial.insertOne({ handle: 'h', active: true }))).code).toBe(11000);

    // Unordered insertMany reports every failing document.
    const bulk = await c
      .insertMany([{ name: 'p' }, { name: 'x' }, { name: 'q' }, { name: 'p' }], { ordered: false })
      .catch((err: unknown) => err);
    expect(bulk).toBeInstanceOf(Error);
    const be = bulk as { code?: number; writeErrors?: unknown[]; result?: { insertedCount: number } };
    expect(be.code).toBe(11000);
    expect(Array.isArray(be.writeErrors) ? be.writeErrors.length : 1).toBe(2);
    expect(await c.countDocuments({ name: { $in: ['p', 'q'] } })).toBe(2);

    // Building a unique index over duplicates fails.
    const dups = col('uniq_build');
    await dups.insertMany([{ k: 1 }, { k: 1 }]);
    expect((await serverError(dups.createIndex({ k: 1 }, { unique: true }))).code).toBe(11000);
    const names = (await dups.listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(['_id_']);
  });

  it('lists, creates and drops indexes and collections', async () => {
    const c = col('ddl');
    await c.insertOne({ a: 1 });
    expect(await c.createIndex({ a: 1, b: -1 })).toBe('a_1_b_-1');
    const ix = await c.listIndexes().toArray();
    expect(ix.map((i) => i.name)).toEqual(['_id_', 'a_1_b_-1']);
    expect(ix[1]).toMatchObject({ key: { a: 1, b: -1 }, v: 2 });
    await c.dropIndex('a_1_b_-1');
    expect((await c.listIndexes().toArray()).length).toBe(1);
    const colls = await db.listCollections({ name: 'ddl' }, { nameOnly: true }).toArray();
    expect(colls).toEqual([{ name: 'ddl', type: 'collection' }]);
    await db.createCollection('ddl_created');
    expect((await serverError(db.createCollection('ddl_created').then(() => db.command({ create: 'ddl_created' })))).code).toBe(48);
    expect(await c.drop()).toBe(true);
    expect((await db.listCollections({ name: 'ddl' }).toArray()).length).toBe(0);
    const dbs = await client.db().admin().listDatabases();
    expect(dbs.databases.map((d) => d.name)).toContain(target.dbName);
  });

  it('rejects changes to _id', async () => {
    const c = col('immutable');
    await c.insertOne({ _id: 1, a: 1 });
    const e = await serverError(c.updateOne({ _id: 1 }, { $set: { _id: 2 } }));
    expect(e.code).toBe(66);
    expect(e.message).toContain("Performing an update on the path '_id' would modify the immutable field '_id'");
    expect((await serverError(c.replaceOne({ _id: 1 }, { _id: 3, a: 2 }))).code).toBe(66);
    expect((await c.updateOne({ _id: 1 }, { $set: { _id: 1, a: 5 } })).modifiedCount).toBe(1);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, a: 5 });
  });

  it('runs findAndModify variants', async () => {
    const c = col('fam');
    await c.insertMany([
      { _id: 1, q: 'a', n: 1 },
      { _id: 2, q: 'a', n: 5 },
    ]);
    const before = await c.findOneAndUpdate({ q: 'a' }, { $inc: { n: 1 } } as unknown as UpdateFilter<Loose>, {
      sort: { n: -1 },
      includeResultMetadata: true,
    });
    expect(before.value).toEqual({ _id: 2, q: 'a', n: 5 });
    expect(before.lastErrorObject).toMatchObject({ n: 1, updatedExisting: true });
    const after = await c.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } } as unknown as UpdateFilter<Loose>, {
      returnDocument: 'after',
      projection: { n: 1 },
    });
    expect(after).toEqual({ _id: 1, n: 2 });
    const up = await c.findOneAndUpdate(
      { _id: 9 },
      { $set: { q: 'z' } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(up.value).toEqual({ _id: 9, q: 'z' });
    expect(up.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false, upserted: 9 });
    expect(await c.findOneAndDelete({ q: 'z' })).toEqual({ _id: 9, q: 'z' });
    expect(await c.findOneAndUpdate({ _id: 100 }, { $set: { q: 1 } })).toBeNull();
    expect(await c.findOneAndReplace({ _id: 2 }, { q: 'r' }, { returnDocument: 'after' })).toEqual({ _id: 2, q: 'r' });
  });

  it('applies array update operators and arrayFilters', async () => {
    const c = col('arrays');
    await c.insertOne({ _id: 1, tags: ['a'], scores: [{ s: 1 }, { s: 7 }], list: [1, 2, 3] });
    await c.updateOne({ _id: 1 }, {
      $push: { tags: 'b' },
      $addToSet: { list: 3 },
      $pull: { scores: { s: 1 } },
    } as unknown as UpdateFilter<Loose>);
    await c.updateOne({ _id: 1 }, { $set: { 'scores.$[e].hi': true } }, { arrayFilters: [{ 'e.s': { $gt: 5 } }] });
    await c.updateOne({ _id: 1, list: 2 }, { $set: { 'list.$': 20 } });
    await c.updateOne({ _id: 1 }, { $unset: { nothing: '' }, $rename: { tags: 'labels' } });
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, scores: [{ s: 7, hi: true }], list: [1, 20, 3], labels: ['a', 'b'] });
  });

  it('runs aggregation pipelines', async () => {
    const users = col('agg_users');
    const posts = col('agg_posts');
    await users.insertMany([
      { _id: 'u1', name: 'Ann' },
      { _id: 'u2', name: 'Bo' },
    ]);
    await posts.insertMany([
      { _id: 1, author: 'u1', likes: 3, tags: ['x', 'y'] },
      { _id: 2, author: 'u1', likes: 5, tags: ['y'] },
      { _id: 3, author: 'u2', likes: 1, tags: [] },
    ]);
    const grouped = await posts
      .aggregate([
        { $match: { likes: { $gte: 1 } } },
        { $group: { _id: '$author', total: { $sum: '$likes' }, n: { $sum: 1 } } },
        { $sort: { total: -1 } },
      ])
      .toArray();
    expect(grouped).toEqual([
      { _id: 'u1', total: 8, n: 2 },
      { _id: 'u2', total: 1, n: 1 },
    ]);
    const joined = await posts
      .aggregate([
        { $sort: { _id: 1 } },
        { $lookup: { from: 'agg_users', localField: 'author', foreignField: '_id', as: 'user' } },
        { $unwind: '$user' },
        { $addFields: { who: '$user.name' } },
        { $project: { _id: 1, who: 1 } },
        { $skip: 1 },
        { $limit: 1 },
      ])
      .toArray();
    expect(joined).toEqual([{ _id: 2, who: 'Ann' }]);
    const unwound = await posts.aggregate([{ $unwind: '$tags' }, { $count: 'n' }]).toArray();
    expect(unwound).toEqual([{ n: 3 }]);
    const set = await posts
      .aggregate([{ $match: { _id: 3 } }, { $set: { double: { $multiply: ['$likes', 2] } } }, { $project: { double: 1 } }])
      .toArray();
    expect(set).toEqual([{ _id: 3, double: 2 }]);
    // The stored documents were not altered by the pipeline.
    expect(await users.findOne({ _id: 'u1' })).toEqual({ _id: 'u1', name: 'Ann' });
    expect(await posts.countDocuments({ author: 'u1' })).toBe(2);
  });

  it('answers unsupported commands and operators with MongoDB errors', async () => {
    const e = await serverError(db.command({ xyzzy: 1 }));
    expect(e.code).toBe(59);
    expect(e.codeName).toBe('CommandNotFound');
    expect(e.message).toBe("no such command: 'xyzzy'");
    const c = col('errs');
    await c.insertOne({ a: 1 });
    const op = await serverError(c.find({ a: { $foo: 1 } }).toArray());
    expect(op.code).toBe(2);
    expect(op.message).toContain('unknown operator: $foo');
    const top = await serverError(c.find({ $bar: 1 }).toArray());
    expect(top.code).toBe(2);
    const upd = await serverError(c.updateOne({}, { $bogus: { a: 1 } }));
    expect(upd.code).toBe(9);
  });

  it('round-trips BSON types byte-exactly', async () => {
    const c = col('bson');
    const doc = {
      _id: new ObjectId(),
      date: new Date(1_700_000_000_123),
      dec: Decimal128.fromString('1234.5678901234567890'),
      bin: new Binary(Buffer.from([0, 1, 2, 255]), 0),
      uuid: new Binary(Buffer.alloc(16, 7), 4),
      long: Long.fromString('9223372036854775807'),
      smallLong: Long.fromNumber(5),
      int: new Int32(7),
      dbl: new Double(5),
      nested: [[1, [2, [3]]], { deep: [new Date(0), null, true] }],
      str: 'héllo ✓',
    };
    await c.insertOne(doc);
    const raw = await c.findOne({ _id: doc._id }, { raw: true });
    expect(Buffer.from(raw as unknown as Uint8Array).equals(Buffer.from(serialize(doc)))).toBe(true);
    const typed = await c.findOne({ _id: doc._id }, { promoteValues: false });
    expect(typed?.long).toBeInstanceOf(Long);
    expect(typed?.dbl).toBeInstanceOf(Double);
    // An update of another field keeps Long values Long.
    await c.updateOne({ _id: doc._id }, { $set: { str: 'changed' } });
    const after = await c.findOne({ _id: doc._id }, { promoteLongs: false });
    expect(after?.long).toBeInstanceOf(Long);
    expect((after?.long as Long).toString()).toBe('9223372036854775807');
    expect(after?.dec?.toString()).toBe('1234.5678901234567890');
    expect(await c.countDocuments({ date: { $gt: new Date(1_600_000_000_000) } })).toBe(1);
  });

  it('matches and sorts ObjectIds and Dates', async () => {
    const c = col('oid');
    const ids = Array.from({ length: 20 }, (_, i) => new ObjectId(i.toString(16).padStart(24, '0')));
    await c.createIndex({ ref: 1, at: -1 });
    await c.insertMany(ids.map((id, i) => ({ _id: id, ref: ids[i % 4], at: new Date(1000 * i) })));
    const pick = [new ObjectId(ids[1]!.toHexString()), ids[3]!];
    const got = await c
      .find({ ref: { $in: pick }, at: { $lt: new Date(15_000) } })
      .sort({ at: -1 })
      .toArray();
    expect(got.map((d) => (d.at as Date).getTime())).toEqual([15, 13, 11, 9, 7, 5, 3, 1].map((x) => x * 1000).filter((t) => t < 15_000));
    expect((await c.find().sort({ _id: -1 }).limit(2).toArray()).map((d) => (d._id as ObjectId).toHexString())).toEqual([
      ids[19]!.toHexString(),
      ids[18]!.toHexString(),
    ]);
    expect(await c.countDocuments({ _id: { $in: [ids[2]!, ids[5]!, new ObjectId()] } })).toBe(2);
  });

  it('rejects documents larger than 16 MiB', async () => {
    const c = col('huge');
    await c.insertOne({ _id: 1, a: 'x'.repeat(9 * 1024 * 1024) });
    const e = await serverError(c.updateOne({ _id: 1 }, { $set: { b: 'y'.repeat(9 * 1024 * 1024) } }));
    expect([2, 10334, 17419, 17420]).toContain(e.code);
  });

  it.runIf(kind === 'embedded')('expires documents through TTL indexes', async () => {
    const c = col('ttl');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
    await c.insertMany([
      { _id: 'old', at: new Date(Date.now() - 60_000) },
      { _id: 'fresh', at: new Date(Date.now() + 60_000) },
      { _id: 'nodate', at: 'x' },
    ]);
    await waitFor(async () => (await c.findOne({ _id: 'old' })) === null, {
      timeoutMs: 10_000,
      intervalMs: 50,
      what: 'the expired document removed',
    });
    expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['fresh', 'nodate']);
  });

  it('refuses transactions on a standalone server', async () => {
    const session = client.startSession();
    try {
      session.startTransaction();
      const err = await db
        .collection('txn')
        .insertOne({ a: 1 }, { session })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      // The driver rewrites the server's code-20 "Transaction numbers are only allowed on a replica
      // set member or mongos" into its own retryable-writes hint.
      expect(String((err as Error).message)).toMatch(/Transaction numbers are only allowed|does not support retryable writes/);
    } finally {
      await session.endSession();
    }
  });
});
