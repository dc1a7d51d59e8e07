/**
 * Document storage: bytes live in store-owned slabs (doc-arena.ts); updates and deletes leave
 * holes that compaction reclaims without losing or corrupting a document. Also the key order
 * of projected documents, which the decoded-on-demand views must keep (_id first).
 */
import fs from 'node:fs';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idKey } from '../../../server/db/embedded/bson-values.js';
import type { WriteOp } from '../../../server/db/embedded/collection.js';
import { Engine } from '../../../server/db/embedded/engine.js';
import { startTarget, targetKinds, tempDir, type Target } from './target.js';

const SLAB = 256 * 1024;

describe('document arena', () => {
  it('reclaims the holes updates and deletes leave, keeping every document intact on disk and in memory', async () => {
    const dir = tempDir('arena');
    try {
      let eng = Engine.open(dir);
      let ops: WriteOp[] = [];
      const c = eng.ensure('t', 'c', ops);
      c.createIndex({ v: 2, key: { round: 1 }, name: 'round_1' });
      for (let i = 0; i < 2000; i++) c.insert(c.prepareDoc({ _id: i, round: 0, s: 'a'.repeat(4000) }), ops);
      await eng.commit(ops);
      let peakGarbage = 0;
      for (let round = 1; round <= 5; round++) {
        ops = [];
        for (const e of [...c.docs.values()]) {
          const i = e.id as number;
          if (round === 5 && i % 2 === 1) c.delete(e, ops);
          else c.replace(e, c.prepareDoc({ _id: i, round, s: String(round).repeat(4000) }), ops);
        }
        await eng.commit(ops);
        peakGarbage = Math.max(peakGarbage, eng.arena.garbage);
        // Compaction keeps the holes at most half the live bytes (or 8 MiB), plus one slab's tail.
        expect(eng.arena.garbage).toBeLessThanOrEqual(Math.max(eng.arena.live / 2, 8 * 1024 * 1024) + SLAB);
      }
      expect(peakGarbage).toBeGreaterThan(0);
      const check = (e: Engine): void => {
        const coll = e.get('t', 'c')!;
        expect(coll.docs.size).toBe(1000);
        for (let i = 0; i < 2000; i += 2) {
          const d = coll.docs.get(idKey(i))!.doc;
          expect(d).toEqual({ _id: i, round: 5, s: '5'.repeat(4000) });
        }
        expect(coll.find({ round: 5 }).entries.length).toBe(1000);
      };
      check(eng);
      expect(eng.arena.live).toBe([...c.docs.values()].reduce((s, e) => s + e.len, 0));
      await eng.close();
      eng = Engine.open(dir);
      check(eng);
      await eng.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(targetKinds)('projection key order against %s', (kind) => {
  let target: Target;
  let client: MongoClient;

  beforeAll(async () => {
    target = await startTarget(kind, 'keyorder');
    client = await new MongoClient(target.uri).connect();
    await client
      .db(target.dbName)
      .collection('p')
      .insertOne({ _id: 1 as never, name: 'ana', likes: 2 });
  });

  afterAll(async () => {
    if (kind === 'mongodb') await client.db(target.dbName).dropDatabase();
    await client.close();
    await target.close();
  });

  it('puts _id first in find projections with computed fields', async () => {
    const d = await client
      .db(target.dbName)
      .collection('p')
      .findOne({}, { projection: { doubled: { $multiply: ['$likes', 2] }, name: 1 } });
    expect(Object.keys(d!)[0]).toBe('_id');
    expect(d).toEqual({ _id: 1, name: 'ana', doubled: 4 });
  });

  it('puts _id first after an aggregation $project', async () => {
    const [d] = await client
      .db(target.dbName)
      .collection('p')
      .aggregate([{ $project: { doubled: { $multiply: ['$likes', 2] }, _id: 1 } }])
      .toArray();
    expect(Object.keys(d!)).toEqual(['_id', 'doubled']);
  });
});
