/**
 * A native fast path for the commonest find projections: top-level field names only, all included
 * (`{ a: 1, b: 1 }`, optionally `_id: 0`) or all excluded (`{ a: 0 }`). Everything else (dotted
 * paths, operators, expressions, mixed inclusion) returns null and goes to mingo, which stays the
 * semantic authority; test/db/embedded/fast-projection.test.ts checks the two agree.
 */
import type { Document } from 'bson';

export type Projector = (doc: Document) => Document;

const isFlag = (v: unknown): v is 0 | 1 | boolean => v === 0 || v === 1 || v === true || v === false;

/** A projector for `projection` if it is simple enough to apply natively; null otherwise. */
export function compileFastProjection(projection: Document): Projector | null {
  const keys = Object.keys(projection);
  if (keys.length === 0) return null;
  let includeId = true;
  const included = new Set<string>();
  const excluded = new Set<string>();
  for (const key of keys) {
    const value: unknown = projection[key];
    if (!isFlag(value) || key.includes('.') || key.startsWith('$') || key === '') return null;
    const on = value === 1 || value === true;
    if (key === '_id') includeId = on;
    else (on ? included : excluded).add(key);
  }
  if (included.size > 0 && excluded.size > 0) return null; // MongoDB refuses this; let mingo say so
  if (excluded.size > 0 && projection._id !== undefined && includeId) return null; // `{ a: 0, _id: 1 }`: mingo's call
  if (included.size > 0 || (excluded.size === 0 && keys.length === 1 && includeId)) {
    // Inclusion: the document's own field order, _id first when kept.
    return (doc) => {
      const out: Document = {};
      for (const key of Object.keys(doc)) {
        if (key === '_id' ? includeId : included.has(key)) out[key] = doc[key] as unknown;
      }
      return out;
    };
  }
  if (!includeId) excluded.add('_id');
  return (doc) => {
    const out: Document = {};
    for (const key of Object.keys(doc)) if (!excluded.has(key)) out[key] = doc[key] as unknown;
    return out;
  };
}
