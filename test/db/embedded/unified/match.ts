/**
 * The unified test format's "Evaluating Matches" rules: root-level documents may carry extra
 * fields, nested ones may not; numbers compare by value across int/long/double; `$$` operators
 * ($$exists, $$type, $$unsetOrMatches, $$matchesEntity, $$lte, ...) are assertions, not values.
 * Written from the format's description, not from any published runner.
 */
import { EJSON } from 'bson';

export class MatchError extends Error {}

type Tagged = { _bsontype?: string };

function bsonTag(v: unknown): string | undefined {
  return v !== null && typeof v === 'object' ? (v as Tagged)._bsontype : undefined;
}

/** Int32/Double/Long wrappers and bigints as a plain number; undefined for non-numerics (Decimal128 excluded on purpose). */
export function numericValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const t = bsonTag(v);
  if (t === 'Int32' || t === 'Double') return (v as { valueOf(): number }).valueOf();
  if (t === 'Long') return (v as { toNumber(): number }).toNumber();
  return undefined;
}

export function isDocument(v: unknown): v is Record<string, unknown> {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    bsonTag(v) === undefined &&
    !(v instanceof Date) &&
    !(v instanceof RegExp) &&
    !(v instanceof Uint8Array)
  );
}

/** The $type alias of a value as MongoDB names it. */
export function typeAlias(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= 0x7fffffff ? 'int' : 'double';
  if (typeof v === 'bigint') return 'long';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  switch (bsonTag(v)) {
    case 'Int32':
      return 'int';
    case 'Double':
      return 'double';
    case 'Long':
      return 'long';
    case 'Decimal128':
      return 'decimal';
    case 'ObjectId':
      return 'objectId';
    case 'Binary':
      return 'binData';
    case 'Timestamp':
      return 'timestamp';
    case 'BSONRegExp':
      return 'regex';
    case 'MinKey':
      return 'minKey';
    case 'MaxKey':
      return 'maxKey';
    case 'Code':
      return 'javascript';
    case 'BSONSymbol':
      return 'symbol';
    case undefined:
      return 'object';
    default:
      return String(bsonTag(v));
  }
}

function show(v: unknown): string {
  try {
    return EJSON.stringify(v, { relaxed: true });
  } catch {
    return String(v);
  }
}

function specialOperator(expected: unknown): [string, unknown] | undefined {
  if (!isDocument(expected)) return undefined;
  const keys = Object.keys(expected);
  if (keys.length === 1 && keys[0]!.startsWith('$$')) return [keys[0]!, expected[keys[0]!]];
  return undefined;
}

export interface MatchContext {
  /** Entities by id, for $$matchesEntity. */
  entities?: Map<string, unknown>;
}

function scalarEqual(expected: unknown, actual: unknown): boolean {
  const en = numericValue(expected);
  if (en !== undefined) {
    const an = numericValue(actual);
    return an !== undefined && (an === en || (Number.isNaN(an) && Number.isNaN(en)));
  }
  if (expected === null || expected === undefined) return actual === null || (expected === undefined && actual === undefined);
  if (typeof expected !== 'object') return expected === actual;
  if (expected instanceof Date) return actual instanceof Date && actual.getTime() === expected.getTime();
  if (typeAlias(expected) !== typeAlias(actual)) return false;
  return show(expected) === show(actual);
}

/**
 * Throws MatchError describing the first difference. `root` allows extra fields in `actual`.
 * `path` names the position for the message.
 */
export function assertMatches(expected: unknown, actual: unknown, root: boolean, ctx: MatchContext = {}, path = '$'): void {
  const op = specialOperator(expected);
  if (op) {
    runOperator(op[0], op[1], actual, true, root, ctx, path);
    return;
  }
  if (isDocument(expected)) {
    if (!isDocument(actual)) throw new MatchError(`${path}: expected a document, got ${show(actual)}`);
    for (const [k, v] of Object.entries(expected)) {
      const kop = specialOperator(v);
      const present = Object.prototype.hasOwnProperty.call(actual, k) && actual[k] !== undefined;
      if (kop) {
        runOperator(kop[0], kop[1], actual[k], present, false, ctx, `${path}.${k}`);
        continue;
      }
      if (!present) throw new MatchError(`${path}.${k}: missing (expected ${show(v)})`);
      assertMatches(v, actual[k], false, ctx, `${path}.${k}`);
    }
    if (!root) {
      for (const k of Object.keys(actual)) {
        if (actual[k] !== undefined && !(k in expected)) throw new MatchError(`${path}: unexpected field ${k}: ${show(actual[k])}`);
      }
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) throw new MatchError(`${path}: expected an array, got ${show(actual)}`);
    if (actual.length !== expected.length)
      throw new MatchError(`${path}: expected ${expected.length} elements, got ${actual.length}: ${show(actual)}`);
    expected.forEach((v, i) => assertMatches(v, actual[i], false, ctx, `${path}[${i}]`));
    return;
  }
  if (!scalarEqual(expected, actual)) throw new MatchError(`${path}: expected ${show(expected)}, got ${show(actual)}`);
}

function runOperator(name: string, arg: unknown, actual: unknown, present: boolean, root: boolean, ctx: MatchContext, path: string): void {
  switch (name) {
    case '$$exists':
      if (Boolean(arg) !== present) throw new MatchError(`${path}: expected ${arg ? 'present' : 'absent'}, got ${show(actual)}`);
      return;
    case '$$type': {
      const types = Array.isArray(arg) ? arg.map(String) : [String(arg)];
      if (!present) throw new MatchError(`${path}: missing (expected type ${types.join('|')})`);
      let t = typeAlias(actual);
      // A JS number decoded from an int64 that fits loses its width: accept either integer name.
      if (t === 'int' && types.includes('long')) t = 'long';
      if (!types.includes(t) && !(types.includes('number') && ['int', 'long', 'double', 'decimal'].includes(t))) {
        throw new MatchError(`${path}: expected type ${types.join('|')}, got ${t}`);
      }
      return;
    }
    case '$$unsetOrMatches':
      if (!present) return;
      assertMatches(arg, actual, root, ctx, path);
      return;
    case '$$matchesEntity': {
      const e = ctx.entities?.get(String(arg));
      if (e === undefined) throw new MatchError(`${path}: no entity ${String(arg)}`);
      assertMatches(e, actual, root, ctx, path);
      return;
    }
    case '$$matchesHexBytes': {
      const hex = Buffer.isBuffer(actual) || actual instanceof Uint8Array ? Buffer.from(actual).toString('hex') : String(actual);
      if (hex.toLowerCase() !== String(arg).toLowerCase()) throw new MatchError(`${path}: bytes differ`);
      return;
    }
    case '$$lte': {
      const a = numericValue(actual);
      const e = numericValue(arg);
      if (a === undefined || e === undefined || a > e) throw new MatchError(`${path}: expected <= ${show(arg)}, got ${show(actual)}`);
      return;
    }
    case '$$matchAsDocument':
      assertMatches(arg, typeof actual === 'string' ? EJSON.parse(actual, { relaxed: false }) : actual, false, ctx, path);
      return;
    case '$$matchAsRoot':
      assertMatches(arg, actual, true, ctx, path);
      return;
    default:
      throw new MatchError(`${path}: unsupported match operator ${name}`);
  }
}
