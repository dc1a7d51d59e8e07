/**
 * Index key values shared between documents instead of held once per document. An index entry
 * keeps its key values for as long as the document lives, and each document decodes its own copies:
 * a post's author id (56 B as an ObjectId), its status and privacy ('published', 'friends': 32 B
 * each) were held once per post, though a few thousand authors write them all. Here a value already
 * held by another entry is used in its place: equal values compare equal, so the indexes cannot
 * tell, and nothing mutates a key value.
 *
 * The tables are bounded: when one is full it is emptied and fills again with the values in use
 * (values already shared stay shared; new ones share from then on), so a stream of values that never
 * repeat costs at most the table, never a leak. A document's own _id is never entered: it is unique,
 * and the entry already shares it with its document (DocEntry.id).
 */
import type { ObjectId } from 'bson';
import { DateKey } from './bson-values.js';

/** Entries per table before it is emptied (~4 MB at most for ids, less for strings). */
const MAX_ENTRIES = 1 << 15;
/** Longer strings are rarely repeated key values (texts, tokens): not worth a lookup. */
const MAX_STRING_LENGTH = 40;

const strings = new Map<string, string>();
const objectIds = new Map<string, ObjectId>();

/**
 * The last objects met and the key values given for them: one document's indexes ask about the same
 * decoded Date or ObjectId several times (a post's author is in three of them), and a repeat costs a
 * comparison instead of a new DateKey, or a hex string and a table look-up.
 */
const recentIn: Array<object | undefined> = [undefined, undefined, undefined, undefined];
const recentOut: unknown[] = [undefined, undefined, undefined, undefined];
let nextSlot = 0;

function recent(v: object): unknown {
  for (let i = 0; i < recentIn.length; i++) {
    // A Date can be changed in place (setTime): its key must still hold its time.
    if (recentIn[i] === v && (!(v instanceof Date) || (recentOut[i] as DateKey).t === v.getTime())) return recentOut[i];
  }
  return undefined;
}

function remember(v: object, key: unknown): unknown {
  recentIn[nextSlot] = v;
  recentOut[nextSlot] = key;
  nextSlot = (nextSlot + 1) & 3;
  return key;
}

function shared<V>(table: Map<string, V>, key: string, value: V): V {
  const held = table.get(key);
  if (held !== undefined) return held;
  if (table.size >= MAX_ENTRIES) table.clear();
  table.set(key, value);
  return value;
}

/**
 * The value an index entry should hold for `v`, a key value of a field other than _id: a Date as its
 * DateKey (the same one for the same Date), a short string or an ObjectId as the equal one already
 * held, else `v` itself.
 */
export function sharedKeyValue(v: unknown): unknown {
  if (typeof v === 'string') return v.length <= MAX_STRING_LENGTH ? shared(strings, v, v) : v;
  if (v === null || typeof v !== 'object') return v;
  const known = recent(v);
  if (known !== undefined) return known;
  if (v instanceof Date) return remember(v, new DateKey(v.getTime()));
  if ((v as { _bsontype?: string })._bsontype === 'ObjectId') {
    const oid = v as ObjectId;
    return remember(v, shared(objectIds, oid.toHexString(), oid));
  }
  return v;
}

/** A Date as an index holds it, for _id values (never entered in a table). */
export function ownKeyValue(v: unknown): unknown {
  if (!(v instanceof Date)) return v;
  return recent(v) ?? remember(v, new DateKey(v.getTime()));
}

/** How many values each table holds now (for tests and memory reports). */
export function sharedKeyTableSizes(): { strings: number; objectIds: number } {
  return { strings: strings.size, objectIds: objectIds.size };
}
