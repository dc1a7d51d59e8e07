/**
 * A top-level `$or` whose branches each have an index is answered from those indexes (MongoDB's OR
 * stage), not by a scan: "does either of us block the other" and a batch of pair look-ups stay index
 * seeks however large the collection. The answers are the same as a scan's.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, WriteOp } from '../../../server/db/embedded/collection.js';
import { Engine } from '../../../server/db/embedded/engine.js';
import { tempDir } from './target.js';

describe('$or query plans', () => {
  const dir = tempDir('or-plan');
  let engine: Engine;
  let pairs: Collection;

  beforeAll(async () => {
    engine = Engine.open(dir);
    const ops: WriteOp[] = [];
    pairs = engine.ensure('t', 'pairs', ops);
    pairs.createIndex({ v: 2, key: { a: 1, b: 1 }, name: 'a_1_b_1', unique: true });
    pairs.createIndex({ v: 2, key: { tag: 1 }, name: 'tag_1' });
    for (let a = 0; a < 100; a++)
      for (let b = 0; b < 20; b++) pairs.insert(pairs.prepareDoc({ _id: a * 100 + b, a, b, tag: `t${b % 3}`, odd: a % 2 === 1 }), ops);
    await engine.commit(ops);
  });

  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ids = (filter: object, sort: Array<[string, 1 | -1]> = []) => pairs.find(filter, { sort }).entries.map((e) => e.id as number);

  it('answers a two-way pair look-up from the pair index', () => {
    const { entries, plan } = pairs.find({
      $or: [
        { a: 3, b: 7 },
        { a: 7, b: 3 },
      ],
    });
    expect(plan).toMatchObject({ kind: 'or', index: 'a_1_b_1', streams: 2 });
    expect(entries.map((e) => e.id).sort()).toEqual([307, 703]);
  });

  /** The ids a scan would answer: every document the predicate accepts, in `_id` order. */
  const scan = (accepts: (d: { a: number; b: number; tag: string; odd: boolean }) => boolean) =>
    [...pairs.docs.values()]
      .filter((e) => accepts(e.doc as never))
      .map((e) => e.id as number)
      .sort((x, y) => x - y);

  it('keeps the other conditions, deduplicates overlapping branches and sorts in memory', () => {
    const filter = { odd: true, $or: [{ a: { $in: [1, 2, 3] }, b: 5 }, { a: 3 }, { tag: 't2', a: 5 }] };
    expect(pairs.find(filter).plan.kind).toBe('or');
    const expected = scan((d) => d.odd && (([1, 2, 3].includes(d.a) && d.b === 5) || d.a === 3 || (d.tag === 't2' && d.a === 5)));
    expect(expected.length).toBe(27);
    expect(ids(filter, [['_id', 1]])).toEqual(expected);
    expect(ids(filter, [['_id', -1]])).toEqual([...expected].reverse());
  });

  it('scans when a branch has no index, with the same answers', () => {
    const filter = {
      $or: [
        { a: 3, b: 7 },
        { odd: false, b: 19 },
      ],
    };
    expect(pairs.find(filter).plan.kind).toBe('collscan');
    expect(ids(filter, [['_id', 1]])).toEqual(scan((d) => (d.a === 3 && d.b === 7) || (!d.odd && d.b === 19)));
  });
});
