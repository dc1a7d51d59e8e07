/**
 * Updates applied to a stored document's bytes, without decoding it: `$set` and `$inc` of
 * top-level fields whose new value has the stored value's BSON type and size (a counter, a flag,
 * a date, an ObjectId, a string of the same byte length). The result is a copy of the stored
 * bytes with those values overwritten, so every other field keeps its exact bytes, as MongoDB
 * keeps them. Anything else answers `undefined` and goes to the general path (decode, fast-update.ts
 * or mingo, encode), which stays the semantic authority; test/db/embedded/raw-update.test.ts
 * checks the two agree.
 *
 * Why: an update through the general path allocates ~27 KB (issue #35's measure), much of it
 * decoding the document two or three times and re-deriving its index keys; a field no index reads
 * needs none of that, and the document keeps its place in every index (Collection.rewrite).
 */
import type { Document } from 'bson';
import { isPlainObject } from './bson-values.js';
import { valueSize } from './raw-bson.js';

const DOUBLE = 0x01;
const STRING = 0x02;
const OBJECT_ID = 0x07;
const BOOLEAN = 0x08;
const DATE = 0x09;
const NULL = 0x0a;
const INT32 = 0x10;

/** What bson's serializer writes as an Int32 (other numbers are Doubles). */
const isInt32 = (v: number): boolean => (v | 0) === v && !Object.is(v, -0);

const plainField = (key: string): boolean => key !== '_id' && key !== '' && !key.includes('.') && !key.startsWith('$');

interface Patch {
  readonly op: '$set' | '$inc';
  readonly key: string;
  /** `key` in UTF-8, as stored element names are. */
  readonly name: Buffer;
  readonly value: unknown;
  /** Offset of the stored value, -1 until found. */
  at: number;
  type: number;
}

/** The element value's bytes for `p`, or undefined when it would change type or size. */
function newValue(buf: Buffer, p: Patch): ((out: Buffer) => void) | undefined {
  const { at, type, value } = p;
  if (p.op === '$inc') {
    if (typeof value !== 'number') return undefined;
    if (type === INT32) {
      // int32 + int32 stays int32 unless it overflows (MongoDB then makes it a Long: the general path).
      const sum = buf.readInt32LE(at) + value;
      return isInt32(sum) ? (out) => out.writeInt32LE(sum, at) : undefined;
    }
    // A Double stays a Double, whatever is added to it (as in MongoDB).
    if (type === DOUBLE) {
      const sum = buf.readDoubleLE(at) + value;
      return Object.is(sum, -0) ? undefined : (out) => out.writeDoubleLE(sum, at);
    }
    return undefined;
  }
  switch (typeof value) {
    case 'number':
      // -0 over 0 is a change to MongoDB and none to mingo: the general path decides.
      if (Object.is(value, -0)) return undefined;
      if (type === INT32 && isInt32(value)) return (out) => out.writeInt32LE(value, at);
      if (type === DOUBLE && !isInt32(value)) return (out) => out.writeDoubleLE(value, at);
      return undefined;
    case 'boolean':
      return type === BOOLEAN ? (out) => (out[at] = value ? 1 : 0) : undefined;
    case 'string': {
      if (type !== STRING || Buffer.byteLength(value, 'utf8') !== buf.readInt32LE(at) - 1) return undefined;
      return (out) => out.write(value, at + 4, 'utf8');
    }
    case 'object': {
      if (value === null) return type === NULL ? () => undefined : undefined;
      if (value instanceof Date) {
        const t = value.getTime();
        return type === DATE && Number.isFinite(t) ? (out) => out.writeBigInt64LE(BigInt(t), at) : undefined;
      }
      if ((value as { _bsontype?: unknown })._bsontype === 'ObjectId' && type === OBJECT_ID) {
        const id = (value as { id: Uint8Array }).id;
        return id.length === 12 ? (out) => out.set(id, at) : undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Applies the update `mod` (operator → fields) to the stored bytes `raw`: answers the new bytes,
 * `null` when it changes nothing, or `undefined` when the general path must do it (another operator
 * or path, a missing field, a change of type or size, or a field `indexed` says an index reads).
 */
export function patchRaw(raw: Uint8Array, mod: Document, indexed: (field: string) => boolean): Buffer | null | undefined {
  const patches: Patch[] = [];
  for (const op of Object.keys(mod)) {
    if (op !== '$set' && op !== '$inc') return undefined;
    const fields: unknown = mod[op];
    if (!isPlainObject(fields)) return undefined;
    const names = Object.keys(fields);
    if (names.length === 0) return undefined;
    for (const name of names) {
      // A field under two operators is refused earlier (validateUpdate); not taken here either way.
      if (!plainField(name) || indexed(name) || patches.some((p) => p.key === name)) return undefined;
      patches.push({ op, key: name, name: Buffer.from(name, 'utf8'), value: fields[name], at: -1, type: 0 });
    }
  }
  if (patches.length === 0) return undefined;
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const end = buf.readInt32LE(0) - 1;
  let off = 4;
  while (off < end) {
    const type = buf[off]!;
    const nameStart = off + 1;
    const nameEnd = buf.indexOf(0, nameStart);
    for (const p of patches) {
      if (nameEnd - nameStart !== p.name.length || buf.compare(p.name, 0, p.name.length, nameStart, nameEnd) !== 0) continue;
      // A name stored twice (possible in client-sent BSON): which one counts is the general path's business.
      if (p.at !== -1) return undefined;
      p.at = nameEnd + 1;
      p.type = type;
    }
    off = nameEnd + 1 + valueSize(buf, type, nameEnd + 1);
  }
  const writes: Array<(out: Buffer) => void> = [];
  for (const p of patches) {
    if (p.at === -1) return undefined;
    const w = newValue(buf, p);
    if (!w) return undefined;
    writes.push(w);
  }
  const out = Buffer.allocUnsafe(buf.length);
  buf.copy(out);
  for (const w of writes) w(out);
  return out.equals(buf) ? null : out;
}
