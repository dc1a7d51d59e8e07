/** The native filter fast path must agree with mingo (the semantic authority) on every document. */
import fc from 'fast-check';
import { deserialize, Long, ObjectId, serialize, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { compileFastTest, compileMatcher } from '../../../server/db/embedded/fast-filter.js';
import { compileFilter } from '../../../server/db/embedded/matcher.js';

const oids = Array.from({ length: 4 }, (_, i) => new ObjectId(`65${String(i).repeat(22)}`));
const dates = [new Date(0), new Date(1_700_000_000_000), new Date(1_700_000_000_001), new Date(-5000)];

/** Scalars the fast path decides itself. */
const scalar = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -0, 2.5, 1e15),
  fc.constantFrom('', 'a', 'b', 'ab', 'B', 'é', '\u{1F600}', '\uFFFF', '10', '2'),
  fc.boolean(),
  fc.constantFrom(...dates),
  fc.constantFrom(...oids),
);

/** Everything a stored field may hold, including what must go to mingo. */
const anyValue = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.record({ x: scalar }) },
  { weight: 1, arbitrary: fc.constant(Long.fromString('9007199254740993')) },
);

const fields = ['a', 'b', 'c'] as const;

const doc = fc.record({ a: anyValue, b: anyValue, c: anyValue }, { requiredKeys: [] });

/** Conditions inside the fast grammar. */
const cond = fc.oneof(
  scalar,
  fc.record({ $eq: scalar }),
  fc.record({ $ne: scalar }),
  fc.record({ $in: fc.array(scalar, { maxLength: 5 }) }),
  fc
    .record(
      { $lt: scalar, $lte: scalar, $gt: scalar, $gte: scalar, $ne: scalar, $in: fc.array(scalar, { minLength: 1, maxLength: 4 }) },
      { requiredKeys: [] },
    )
    .filter((o) => Object.keys(o).length > 0),
);

const fieldFilter = fc.record({ a: cond, b: cond, c: cond }, { requiredKeys: [] }).filter((f) => Object.keys(f).length > 0);

/** Field conditions, possibly with `$and` / `$or` of such filters beside them (the page cursor's shape). */
const filter = fc
  .record(
    {
      a: cond,
      b: cond,
      $and: fc.array(fieldFilter, { minLength: 1, maxLength: 3 }),
      $or: fc.array(fieldFilter, { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: [] },
  )
  .filter((f) => Object.keys(f).length > 0);

/** As the store sees documents: after a BSON round trip. */
const stored = (d: Document): Document => deserialize(serialize(d));

describe('fast filter path', () => {
  it('agrees with mingo on random filters and documents', () => {
    fc.assert(
      fc.property(filter, fc.array(doc, { minLength: 1, maxLength: 8 }), (f, docs) => {
        expect(compileFastTest(f)).not.toBeNull();
        const fast = compileMatcher(f)!;
        const slow = compileFilter(f)!;
        for (const d of docs.map(stored)) expect(fast(d)).toBe(slow(d));
      }),
      { numRuns: 3000 },
    );
  });

  it('decides scalar documents without mingo', () => {
    const test = compileFastTest({ a: { $in: [1, 'x', oids[0]] }, b: { $lt: dates[1] } })!;
    expect(test(stored({ a: 1, b: dates[0] }))).toBe(true);
    expect(test(stored({ a: oids[0], b: dates[2] }))).toBe(false);
    expect(test(stored({ b: dates[0] }))).toBe(false);
    expect(test(stored({ a: [1], b: dates[0] }))).toBeUndefined();
    // The feed's `except: { $ne: viewer }`: absent or another id passes, the same id does not.
    const except = compileFastTest({ a: 1, except: { $ne: oids[0] } })!;
    expect(except(stored({ a: 1 }))).toBe(true);
    expect(except(stored({ a: 1, except: oids[1] }))).toBe(true);
    expect(except(stored({ a: 1, except: oids[0] }))).toBe(false);
    expect(except(stored({ a: 1, except: [oids[0]] }))).toBeUndefined();
    // `$or`: one branch true settles it even when another needs mingo; `$and` likewise with false.
    const or = compileFastTest({ $or: [{ a: 1 }, { b: 2 }] })!;
    expect(or(stored({ a: 1, b: [2] }))).toBe(true);
    expect(or(stored({ a: 3, b: [2] }))).toBeUndefined();
    expect(or(stored({ a: 3, b: 3 }))).toBe(false);
    const and = compileFastTest({ $and: [{ a: 1 }, { b: 2 }] })!;
    expect(and(stored({ a: 3, b: [2] }))).toBe(false);
    expect(and(stored({ a: 1, b: [2] }))).toBeUndefined();
    expect(and(stored({ a: 1, b: 2 }))).toBe(true);
  });

  it('leaves other filters to mingo', () => {
    for (const f of [
      { 'a.b': 1 },
      { a: null },
      { a: { $ne: null } },
      { a: { $ne: [1] } },
      { a: { $nin: [1] } },
      { a: /x/ },
      { a: { $in: [null] } },
      { a: { x: 1 } },
      { $or: [] },
      { $and: [{}] },
      { $or: [{ a: 1 }, { a: null }] },
      { $nor: [{ a: 1 }] },
      { a: [1, 2] },
      { a: { $exists: true } },
    ] as Document[]) {
      expect(compileFastTest(f)).toBeNull();
    }
    for (const f of fields) expect(compileFastTest({ [f]: { $eq: 1, $foo: 2 } })).toBeNull();
  });
});
