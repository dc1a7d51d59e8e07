/**
 * SortedList.partition with a starting position (the galloping seek of multi-range index scans,
 * and the scan starts an index remembers) must find what the plain binary search finds, whatever
 * the position given: before the answer, past it, or no longer a position of the list.
 */
import fc from 'fast-check';
import { serialize } from 'bson';
import { describe, expect, it } from 'vitest';
import { DocArena } from '../../../server/db/embedded/doc-arena.js';
import { Index } from '../../../server/db/embedded/indexes.js';
import { SortedList, type Position } from '../../../server/db/embedded/sorted-list.js';
import { DocEntry } from '../../../server/db/embedded/types.js';

const list = (values: number[]): SortedList<number> => {
  const l = new SortedList<number>((a, b) => a - b);
  for (const v of values) l.insert(v);
  return l;
};

describe('SortedList.partition from a position', () => {
  it('agrees with a search from the start, for any starting position', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 3000 }),
        fc.integer({ min: -1, max: 301 }),
        fc.record({ c: fc.integer({ min: -1, max: 12 }), i: fc.integer({ min: -1, max: 600 }) }),
        (values, pivot, from) => {
          const l = list(values);
          const before = (x: number) => x < pivot;
          const plain = l.partition(before);
          expect(l.partition(before, from)).toEqual(plain);
          // A position taken from a neighbouring search, as the planner's scans pass them on.
          const near = l.partition((x) => x < pivot - 7);
          expect(l.partition(before, near)).toEqual(plain);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('seeks a sorted series of ranges in order, each from the last', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 5000);
    const l = list(values);
    let at: Position | undefined;
    for (let pivot = 0; pivot <= 5001; pivot += 37) {
      const before = (x: number) => x < pivot;
      at = l.partition(before, at);
      expect(at).toEqual(l.partition(before));
      expect(l.at(at) ?? 5000).toBe(Math.min(pivot, 5000));
    }
  });
});

describe('index scans that remember where a prefix started', () => {
  it('find what a fresh search finds while documents come and go', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('add' as const), a: fc.integer({ min: 0, max: 5 }), b: fc.integer({ min: 0, max: 40 }) }),
            fc.record({ op: fc.constant('remove' as const), n: fc.nat() }),
            fc.record({ op: fc.constant('scan' as const), a: fc.integer({ min: 0, max: 5 }), reverse: fc.boolean() }),
          ),
          { maxLength: 400 },
        ),
        (ops) => {
          const arena = new DocArena();
          const ix = new Index({ key: { a: 1, b: -1 }, name: 'a_1_b_-1' });
          const live: DocEntry[] = [];
          let next = 0;
          // Enough documents up front that the list has several chunks and scans gallop between them.
          const add = (a: number, b: number) => {
            const doc = { _id: next++, a, b };
            const e = new DocEntry(`n${doc._id}`, doc._id, serialize(doc), arena);
            ix.add(e);
            live.push(e);
          };
          for (let i = 0; i < 3000; i++) add(i % 6, (i * 7) % 41);
          for (const o of ops) {
            if (o.op === 'add') add(o.a, o.b);
            else if (o.op === 'remove' && live.length > 0) {
              const [e] = live.splice(o.n % live.length, 1);
              ix.remove(e!);
            } else if (o.op === 'scan') {
              const got = [...ix.scan({ eq: [o.a] }, o.reverse)].map((x) => x[0].key);
              const want = live
                .map((e) => ({ e, d: e.doc }))
                .filter(({ d }) => d.a === o.a)
                .sort((x, y) => y.d.b - x.d.b || (x.e.key < y.e.key ? -1 : 1))
                .map(({ e }) => e.key);
              expect(got).toEqual(o.reverse ? want.reverse() : want);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
