/** The native projection fast path must agree with mingo (the semantic authority) on every document. */
import fc from 'fast-check';
import { ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { compileFastProjection } from '../../../server/db/embedded/fast-projection.js';
import { project } from '../../../server/db/embedded/matcher.js';

const value = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.record({ x: fc.integer(), y: fc.string({ maxLength: 2 }) }),
  fc.constantFrom(new Date(0), new ObjectId('650000000000000000000001')),
);
const doc = fc
  .record({ a: value, b: value, c: value, d: value }, { requiredKeys: [] })
  .map((rest) => ({ _id: new ObjectId('650000000000000000000009'), ...rest }));
const flag = fc.constantFrom(0, 1, true, false);
const projection = fc.dictionary(fc.constantFrom('_id', 'a', 'b', 'c', 'z'), flag, { minKeys: 1, maxKeys: 4 });

describe('projection fast path', () => {
  it('agrees with mingo on every simple projection it takes', () => {
    let taken = 0;
    fc.assert(
      fc.property(doc, projection, (d, p) => {
        const fast = compileFastProjection(p);
        if (!fast) return;
        taken += 1;
        expect(fast(d)).toEqual(project([d], p)[0]);
      }),
      { numRuns: 3000 },
    );
    expect(taken).toBeGreaterThan(1000);
  });

  it.each([[{ 'a.b': 1 }], [{ a: { $slice: 1 } }], [{ a: 1, b: 0 }], [{ a: '$b' }], [{}]])('leaves %o to mingo', (p) => {
    expect(compileFastProjection(p)).toBeNull();
  });
});
