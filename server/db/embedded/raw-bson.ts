/**
 * Hand-assembled BSON for the hot paths: stored documents are kept as the exact bytes the
 * client sent, and query replies embed those bytes without deserializing/re-serializing them.
 */
import type { ObjectId } from 'bson';

function cstring(s: string): Buffer {
  return Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from([0])]);
}

/** Wraps element bytes into a document (length prefix + terminator). */
export function documentOf(elements: Buffer[]): Buffer {
  let size = 5;
  for (const e of elements) size += e.length;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  let off = 4;
  for (const e of elements) {
    e.copy(out, off);
    off += e.length;
  }
  out[off] = 0;
  return out;
}

/** Element holding an array of already-encoded documents. */
export function arrayElement(name: string, docs: readonly Uint8Array[]): Buffer {
  const key = cstring(name);
  let size = 5;
  const keys: Buffer[] = [];
  for (let i = 0; i < docs.length; i++) {
    const k = cstring(String(i));
    keys.push(k);
    size += 1 + k.length + docs[i]!.length;
  }
  const out = Buffer.allocUnsafe(1 + key.length + size);
  out[0] = 0x04;
  key.copy(out, 1);
  let off = 1 + key.length;
  out.writeInt32LE(size, off);
  off += 4;
  for (let i = 0; i < docs.length; i++) {
    out[off++] = 0x03;
    keys[i]!.copy(out, off);
    off += keys[i]!.length;
    out.set(docs[i]!, off);
    off += docs[i]!.length;
  }
  out[off] = 0;
  return out;
}

export function docElement(name: string, doc: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([0x03]), cstring(name), doc]);
}

/** One element: its type byte, its name, then `size` value bytes that `writeValue` writes at `at`. */
function element(type: number, name: string, size: number, writeValue: (out: Buffer, at: number) => void): Buffer {
  const key = cstring(name);
  const out = Buffer.allocUnsafe(1 + key.length + size);
  out[0] = type;
  key.copy(out, 1);
  writeValue(out, 1 + key.length);
  return out;
}

export function int64Element(name: string, v: bigint): Buffer {
  return element(0x12, name, 8, (out, at) => out.writeBigInt64LE(v, at));
}

export function doubleElement(name: string, v: number): Buffer {
  return element(0x01, name, 8, (out, at) => out.writeDoubleLE(v, at));
}

export function stringElement(name: string, v: string): Buffer {
  const val = Buffer.from(v, 'utf8');
  return element(0x02, name, 4 + val.length + 1, (out, at) => {
    out.writeInt32LE(val.length + 1, at);
    val.copy(out, at + 4);
    out[at + 4 + val.length] = 0;
  });
}

/** `{ cursor: { <batchField>: [docs], id: Long(id), ns }, ok: 1 }` */
export function cursorReply(batchField: 'firstBatch' | 'nextBatch', docs: readonly Uint8Array[], id: bigint, ns: string): Buffer {
  const cursor = documentOf([arrayElement(batchField, docs), int64Element('id', id), stringElement('ns', ns)]);
  return documentOf([docElement('cursor', cursor), doubleElement('ok', 1)]);
}

/** Returns a copy of `raw` with `_id: oid` inserted as the first field. */
export function prependObjectId(raw: Uint8Array, oid: ObjectId): Buffer {
  const out = Buffer.allocUnsafe(raw.length + 17);
  out.writeInt32LE(raw.length + 17, 0);
  out[4] = 0x07;
  out.write('_id\0', 5, 'latin1');
  out.set(oid.id, 9);
  out.set(raw.subarray(4), 21);
  return out;
}

export function nullElement(name: string): Buffer {
  return Buffer.concat([Buffer.from([0x0a]), cstring(name)]);
}

/** Byte length of an element value of BSON type `type` starting at `off`. */
export function valueSize(buf: Buffer, type: number, off: number): number {
  switch (type) {
    case 0x01:
    case 0x09:
    case 0x11:
    case 0x12:
      return 8;
    case 0x02:
    case 0x0d:
    case 0x0e:
      return 4 + buf.readInt32LE(off);
    case 0x03:
    case 0x04:
    case 0x0f:
      return buf.readInt32LE(off);
    case 0x05:
      return 5 + buf.readInt32LE(off);
    case 0x06:
    case 0x0a:
    case 0x7f:
    case 0xff:
      return 0;
    case 0x07:
      return 12;
    case 0x08:
      return 1;
    case 0x0b: {
      const a = buf.indexOf(0, off);
      const b = buf.indexOf(0, a + 1);
      return b + 1 - off;
    }
    case 0x0c:
      return 4 + buf.readInt32LE(off) + 12;
    case 0x10:
      return 4;
    case 0x13:
      return 16;
    default:
      throw new Error(`unknown BSON type 0x${type.toString(16)}`);
  }
}

/**
 * The exact bytes of each embedded document of a top-level array field, without deserializing
 * (used for `insert.documents` sent in the command body instead of a document sequence).
 */
export function extractRawArray(doc: Uint8Array, field: string): Buffer[] | undefined {
  const buf = Buffer.from(doc.buffer, doc.byteOffset, doc.byteLength);
  const end = buf.readInt32LE(0) - 1;
  let off = 4;
  while (off < end) {
    const type = buf[off]!;
    const nameEnd = buf.indexOf(0, off + 1);
    const name = buf.toString('utf8', off + 1, nameEnd);
    const valOff = nameEnd + 1;
    const size = valueSize(buf, type, valOff);
    if (name === field && type === 0x04) {
      const out: Buffer[] = [];
      const arrEnd = valOff + size - 1;
      let p = valOff + 4;
      while (p < arrEnd) {
        const t = buf[p]!;
        const ke = buf.indexOf(0, p + 1);
        const vo = ke + 1;
        const s = valueSize(buf, t, vo);
        if (t !== 0x03) return undefined;
        out.push(Buffer.from(buf.subarray(vo, vo + s)));
        p = vo + s;
      }
      return out;
    }
    off = valOff + size;
  }
  return undefined;
}
