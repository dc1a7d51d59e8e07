/**
 * Reads a friend edge `{ user, friend }` straight from its BSON bytes, as the driver hands them over
 * with `raw: true`. A connect reads every edge of its user (200 with 200 friends); deserialising each
 * into an object with two ObjectIds, then turning those into hex strings, was a third of the
 * friend-id load's CPU and most of its garbage. Here each id is one hex string cut from the bytes.
 *
 * Anything but the plain shape (another field, another type) is deserialised the ordinary way, so an
 * odd document costs time, never a wrong id.
 */
// The project's own bson (a direct dependency; the driver's is mongoose's to choose): bytes are bytes.
import { deserialize, ObjectId } from 'bson';

export interface EdgeIds {
  readonly user: string;
  readonly friend: string;
}

const objectIdType = 0x07;
const objectIdBytes = 12;

/** `user` and `friend` of one edge document's BSON, as hex strings; null when either is missing. */
export function edgeIdsOf(doc: Uint8Array): EdgeIds | null {
  const bytes = Buffer.isBuffer(doc) ? doc : Buffer.from(doc.buffer, doc.byteOffset, doc.byteLength);
  let user: string | undefined;
  let friend: string | undefined;
  let at = 4; // after the document's length
  const end = bytes.length - 1; // before its closing 0
  while (at < end) {
    const type = bytes[at];
    const nameEnd = bytes.indexOf(0, at + 1);
    if (type !== objectIdType || nameEnd < 0 || nameEnd + 1 + objectIdBytes > end) return slowly(bytes);
    const name = bytes.toString('latin1', at + 1, nameEnd);
    const hex = bytes.toString('hex', nameEnd + 1, nameEnd + 1 + objectIdBytes);
    if (name === 'user') user = hex;
    else if (name === 'friend') friend = hex;
    else return slowly(bytes);
    at = nameEnd + 1 + objectIdBytes;
  }
  return user !== undefined && friend !== undefined ? { user, friend } : null;
}

/** The ordinary way, for a document of another shape. */
function slowly(bytes: Buffer): EdgeIds | null {
  const doc = deserialize(bytes);
  const hex = (v: unknown) => (v instanceof ObjectId ? v.toHexString() : undefined);
  const user = hex(doc.user);
  const friend = hex(doc.friend);
  return user !== undefined && friend !== undefined ? { user, friend } : null;
}
