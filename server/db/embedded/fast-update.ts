/**
 * A native fast path for the commonest update operators: `$set`, `$unset`, `$inc`, `$max` and
 * `$min` on top-level fields (not `_id`), the shape of nearly every update the hub sends (a
 * conversation's time, a counter, a flag). mingo's updater builds an operator context and compiles
 * the filter for each update, which made it the largest cost of a chat send in the store; here each
 * operator is a property write. Anything else (dotted paths, arrays, `$push`, Longs, a non-numeric
 * `$inc`) returns false before touching the document and goes to mingo, which stays the semantic
 * authority; test/db/embedded/fast-update.test.ts checks the two agree.
 */
import type { Document } from 'bson';
import { compareValues } from './bson-values.js';

const FAST_OPERATORS = new Set(['$set', '$unset', '$inc', '$max', '$min']);

const plainField = (key: string) => key !== '_id' && key !== '' && !key.includes('.') && !key.startsWith('$');

/** A value `$max` / `$min` compare natively: a number, a string or a Date (no arrays, documents or BSON wrappers). */
const comparable = (v: unknown) => typeof v === 'number' || typeof v === 'string' || v instanceof Date;

function applicable(doc: Document, op: string, fields: Document): boolean {
  for (const [key, value] of Object.entries(fields)) {
    if (!plainField(key)) return false;
    const current: unknown = doc[key];
    switch (op) {
      case '$inc':
        if (typeof value !== 'number' || (current !== undefined && typeof current !== 'number')) return false;
        break;
      case '$max':
      case '$min':
        if (!comparable(value) || (current !== undefined && !comparable(current))) return false;
        break;
    }
  }
  return true;
}

/**
 * Applies `mod` (operator → fields, `$setOnInsert` already folded in) to `doc` in place and answers
 * true, or answers false leaving `doc` untouched when mingo has to do it.
 */
export function tryFastUpdate(doc: Document, mod: Document): boolean {
  for (const [op, fields] of Object.entries(mod)) {
    if (!FAST_OPERATORS.has(op) || fields === null || typeof fields !== 'object' || Array.isArray(fields)) return false;
    if (!applicable(doc, op, fields as Document)) return false;
  }
  for (const [op, fields] of Object.entries(mod) as Array<[string, Document]>) {
    for (const [key, value] of Object.entries(fields) as Array<[string, unknown]>) {
      const current: unknown = doc[key];
      switch (op) {
        case '$set':
          doc[key] = value;
          break;
        case '$unset':
          delete doc[key];
          break;
        case '$inc':
          doc[key] = current === undefined ? value : (current as number) + (value as number);
          break;
        case '$max':
          if (current === undefined || compareValues(value, current) > 0) doc[key] = value;
          break;
        case '$min':
          if (current === undefined || compareValues(value, current) < 0) doc[key] = value;
          break;
      }
    }
  }
  return true;
}
