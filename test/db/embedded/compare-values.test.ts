/** compareValues' fast paths keep MongoDB's order. */
import fc from 'fast-check';
import { ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { compareValues } from '../../../server/db/embedded/bson-values.js';

describe('compareValues', () => {
  it('orders ObjectIds by their 12 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), fc.uint8Array({ minLength: 12, maxLength: 12 }), (a, b) => {
        const x = new ObjectId(a);
        const y = new ObjectId(b);
        expect(Math.sign(compareValues(x, y))).toBe(Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect(compareValues(x, new ObjectId(a))).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('orders same-type numbers, strings and dates like the generic path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer()), fc.oneof(fc.double(), fc.integer()), (a, b) => {
        const c = compareValues(a, b);
        if (Number.isNaN(a) || Number.isNaN(b)) expect(c).toBe(Number.isNaN(a) && Number.isNaN(b) ? 0 : Number.isNaN(a) ? -1 : 1);
        else expect(Math.sign(c)).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(Math.sign(compareValues(a, b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
    expect(compareValues(new Date(1), new Date(2))).toBe(-1);
    expect(compareValues(new Date(2), new Date(2))).toBe(0);
    expect(compareValues(1, 'a')).toBe(-1);
    expect(compareValues(new ObjectId(), new Date())).toBe(-1);
  });
});
