/**
 * Helpers over deserialized BSON values: MongoDB's cross-type comparison order,
 * canonical keys for _id values, dotted-path access and the shell-like rendering
 * MongoDB uses in duplicate-key messages.
 */
import { serialize, type Document, type ObjectId } from 'bson';

type Tagged = { _bsontype?: string };

function bsonType(v: object): string | undefined {
  return (v as Tagged)._bsontype;
}

/**
 * A Date as an index holds it: just the time value. A JS Date object costs ~97 B of heap (it
 * caches its calendar fields); this ~32 B. Compares, ranks and renders exactly like a Date.
 */
export class DateKey {
  constructor(readonly t: number) {}
  getTime(): number {
    return this.t;
  }
  toDate(): Date {
    return new Date(this.t);
  }
}

/** Canonical BSON type order (numbers of the comparison/sort order, not the wire type bytes). */
export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 2;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
    case 'object':
      break;
    default:
      return 5;
  }
  if (v instanceof Date || v instanceof DateKey) return 10;
  if (Array.isArray(v)) return 6;
  if (v instanceof RegExp) return 12;
  switch (bsonType(v)) {
    case 'MinKey':
      return 1;
    case 'MaxKey':
      return 13;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return 3;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'Code':
      return 14;
    default:
      if (v instanceof Uint8Array) return 7;
      return 5;
  }
}

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object') {
    const t = bsonType(v);
    if (t === 'Long') return (v as { toNumber(): number }).toNumber();
    if (t === 'Int32' || t === 'Double') return (v as { valueOf(): number }).valueOf();
    if (t === 'Decimal128') return Number((v as { toString(): string }).toString());
  }
  return Number.NaN;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function cmpPrim<T extends number | string>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** bson 7 keeps an ObjectId as four 24-bit integers; reading `.id` allocates a fresh Buffer. */
interface OidWords {
  i0?: unknown;
  i1: number;
  i2: number;
  i3: number;
}

function compareObjectIds(a: ObjectId, b: ObjectId): number {
  const x = a as unknown as OidWords;
  const y = b as unknown as OidWords;
  if (typeof x.i0 === 'number' && typeof y.i0 === 'number') {
    // Big-endian 24-bit words in byte order: comparing them in turn is comparing the 12 bytes.
    if (x.i0 !== y.i0) return x.i0 < y.i0 ? -1 : 1;
    if (x.i1 !== y.i1) return x.i1 < y.i1 ? -1 : 1;
    if (x.i2 !== y.i2) return x.i2 < y.i2 ? -1 : 1;
    return x.i3 === y.i3 ? 0 : x.i3 < y.i3 ? -1 : 1;
  }
  return compareBytes(a.id, b.id);
}

/** Compares two BSON values in MongoDB's order (numbers across types, then strings, objects, ...). */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  // Fast paths for the index key types met most (same-type numbers, strings, Dates, ObjectIds).
  const ta = typeof a;
  if (ta === typeof b) {
    if (ta === 'string') return (a as string) < (b as string) ? -1 : 1;
    if (ta === 'number' && !Number.isNaN(a) && !Number.isNaN(b))
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    if (ta === 'object' && a !== null && b !== null) {
      if ((a instanceof Date || a instanceof DateKey) && (b instanceof Date || b instanceof DateKey))
        return cmpPrim(a.getTime(), b.getTime());
      if ((a as Tagged)._bsontype === 'ObjectId' && (b as Tagged)._bsontype === 'ObjectId')
        return compareObjectIds(a as ObjectId, b as ObjectId);
    }
  }
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 1:
    case 2:
    case 13:
      return 0;
    case 3: {
      const x = typeof a === 'number' ? a : toNumber(a);
      const y = typeof b === 'number' ? b : toNumber(b);
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
      if (Number.isNaN(y)) return 1;
      return cmpPrim(x, y);
    }
    case 4:
      return cmpPrim(String(a), String(b));
    case 9:
      return a === b ? 0 : a ? 1 : -1;
    case 10:
      return cmpPrim((a as Date).getTime(), (b as Date).getTime());
    case 8:
      return compareObjectIds(a as ObjectId, b as ObjectId);
    case 7: {
      const ba = a instanceof Uint8Array ? a : (a as { buffer: Uint8Array }).buffer;
      const bb = b instanceof Uint8Array ? b : (b as { buffer: Uint8Array }).buffer;
      if (ba.length !== bb.length) return ba.length < bb.length ? -1 : 1;
      return compareBytes(ba, bb);
    }
    case 11: {
      const ta = a as { t: number; i: number };
      const tb = b as { t: number; i: number };
      return ta.t !== tb.t ? cmpPrim(ta.t, tb.t) : cmpPrim(ta.i, tb.i);
    }
    case 6: {
      const xa = a as unknown[];
      const xb = b as unknown[];
      const n = Math.min(xa.length, xb.length);
      for (let i = 0; i < n; i++) {
        const c = compareValues(xa[i], xb[i]);
        if (c !== 0) return c;
      }
      return cmpPrim(xa.length, xb.length);
    }
    case 5: {
      const ka = Object.keys(a as object);
      const kb = Object.keys(b as object);
      const n = Math.min(ka.length, kb.length);
      for (let i = 0; i < n; i++) {
        const va = (a as Record<string, unknown>)[ka[i]!];
        const vb = (b as Record<string, unknown>)[kb[i]!];
        const tr = typeRank(va) - typeRank(vb);
        if (tr !== 0) return tr < 0 ? -1 : 1;
        const kc = cmpPrim(ka[i]!, kb[i]!);
        if (kc !== 0) return kc;
        const c = compareValues(va, vb);
        if (c !== 0) return c;
      }
      return cmpPrim(ka.length, kb.length);
    }
    default:
      return cmpPrim(String(a), String(b));
  }
}

const oidKeyBuf = Buffer.alloc(25, 0x6f);

/**
 * 'o' + the hex form, as one flat 25-byte string. `'o' + toHexString()` is a rope over bson's
 * hex string and kept ~220 B of heap alive per stored document instead of 48.
 */
function objectIdKey(oid: ObjectId): string {
  oidKeyBuf.write(oid.toHexString(), 1, 'latin1');
  return oidKeyBuf.toString('latin1');
}

/** A string that is equal for two _id values exactly when MongoDB considers them the same _id. */
export function idKey(v: unknown): string {
  if (typeof v === 'string') return 's' + v;
  if (typeof v === 'number') return 'n' + (Object.is(v, -0) ? 0 : v);
  if (v && typeof v === 'object') {
    const t = bsonType(v);
    if (t === 'ObjectId') return objectIdKey(v as ObjectId);
    if (t === 'Long' || t === 'Int32' || t === 'Double') return 'n' + toNumber(v);
    if (v instanceof Date) return 'd' + v.getTime();
  }
  return 'b' + Buffer.from(serialize({ v })).toString('base64');
}

/** The value at a dotted path. Arrays met on the way fan out (MongoDB's implicit array traversal). */
export function pathValues(doc: unknown, path: string[], start = 0, out: unknown[] = []): unknown[] {
  let cur: unknown = doc;
  for (let i = start; i < path.length; i++) {
    if (cur === null || typeof cur !== 'object') {
      out.push(undefined);
      return out;
    }
    if (Array.isArray(cur)) {
      const seg = path[i]!;
      if (/^\d+$/.test(seg)) {
        cur = cur[Number(seg)];
        continue;
      }
      if (cur.length === 0) out.push(undefined);
      for (const el of cur) pathValues(el, path, i, out);
      return out;
    }
    cur = (cur as Record<string, unknown>)[path[i]!];
  }
  out.push(cur);
  return out;
}

/** Single value at a dotted path without array fan-out (undefined when missing). */
export function getPath(doc: Document, path: string): unknown {
  if (!path.includes('.')) return doc[path];
  let cur: unknown = doc;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** Value used to order a document by one sort key: arrays sort by their min (asc) or max (desc) element. */
export function sortValue(doc: Document, path: string[], dir: number): unknown {
  const vals = pathValues(doc, path);
  const flat: unknown[] = [];
  for (const v of vals) {
    if (Array.isArray(v)) {
      if (v.length === 0) flat.push(undefined);
      else flat.push(...(v as unknown[]));
    } else flat.push(v);
  }
  if (flat.length === 1) return flat[0];
  let best = flat[0];
  for (let i = 1; i < flat.length; i++) {
    const c = compareValues(flat[i], best);
    if ((dir > 0 && c < 0) || (dir < 0 && c > 0)) best = flat[i];
  }
  return best;
}

/** Renders a value the way MongoDB does inside duplicate-key error messages. */
export function renderValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date || v instanceof DateKey) return `new Date(${v.getTime()})`;
  if (Array.isArray(v)) return '[ ' + v.map(renderValue).join(', ') + ' ]';
  if (typeof v === 'object') {
    const t = bsonType(v);
    if (t === 'ObjectId') return `ObjectId('${(v as ObjectId).toHexString()}')`;
    if (t) return (v as { toString(): string }).toString();
    const parts = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${renderValue(x)}`);
    return parts.length ? '{ ' + parts.join(', ') + ' }' : '{}';
  }
  return typeof v === 'bigint' || typeof v === 'symbol' ? v.toString() : 'null';
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date || v instanceof RegExp) return false;
  if (v instanceof Uint8Array) return false;
  return bsonType(v) === undefined;
}

export function isOperatorObject(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys[0]!.startsWith('$');
}
