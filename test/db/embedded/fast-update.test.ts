/** The native update fast path must agree with mingo (the semantic authority) on every update it takes. */
import fc from 'fast-check';
import { update as mingoUpdate } from 'mingo';
import { describe, expect, it } from 'vitest';
import { tryFastUpdate } from '../../../server/db/embedded/fast-update.js';

const field = fc.constantFrom('a', 'b', 'c', 'n');
const value = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.string({ maxLength: 3 }),
  fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const doc = fc.record({ a: value, b: value, c: value, n: fc.integer() }, { requiredKeys: [] });
const operator = fc.constantFrom('$set', '$unset', '$inc', '$max', '$min', '$push', 'a.b');
// One operator per field (MongoDB refuses two on one path before either runs).
const mod = fc.uniqueArray(fc.tuple(field, operator, value), { selector: ([f]) => f, maxLength: 4 }).map((entries) => {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [f, op, v] of entries) {
    const [name, path] = op === 'a.b' ? ['$set', `${f}.x`] : [op, f];
    (out[name] ??= {})[path] = op === '$unset' ? '' : v;
  }
  return out;
});

const byMingo = (d: Record<string, unknown>, m: Record<string, unknown>) => {
  const copy = structuredClone(d);
  try {
    mingoUpdate(copy, m, undefined, undefined, {
      cloneMode: 'copy',
      queryOptions: { idKey: '_id', scriptEnabled: false, useStrictMode: true },
    });
    return { ok: true, doc: copy };
  } catch {
    return { ok: false };
  }
};

describe('update fast path', () => {
  it('agrees with mingo on every update it takes, and leaves the document untouched when it does not', () => {
    let taken = 0;
    fc.assert(
      fc.property(doc, mod, (d, m) => {
        const mine = structuredClone({ _id: 1, ...d });
        if (!tryFastUpdate(mine, m)) {
          expect(mine).toEqual({ _id: 1, ...d });
          return;
        }
        taken += 1;
        const theirs = byMingo({ _id: 1, ...d }, m);
        expect(theirs.ok).toBe(true);
        expect(mine).toEqual(theirs.doc);
        expect(Object.keys(mine)).toEqual(Object.keys(theirs.doc ?? {}));
      }),
      { numRuns: 4000 },
    );
    expect(taken).toBeGreaterThan(800);
  });

  it.each([
    [{ $inc: { a: 1 } }, { a: null }],
    [{ $inc: { a: 'x' } }, {}],
    [{ $max: { a: [1] } }, {}],
    [{ $set: { 'a.b': 1 } }, {}],
    [{ $set: { _id: 2 } }, {}],
    [{ $push: { a: 1 } }, {}],
  ])('leaves %o to mingo', (m, d) => {
    expect(tryFastUpdate({ _id: 1, ...d }, m)).toBe(false);
  });
});
