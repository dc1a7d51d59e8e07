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

/** The last Dates met and their keys: one document's indexes ask for the same Date several times. */
const recentDates: Array<Date | undefined> = [undefined, undefined, undefined, undefined];
const recentDateKeys: DateKey[] = [new DateKey(0), new DateKey(0), new DateKey(0), new DateKey(0)];
let nextDateSlot = 0;

function shared<V>(table: Map<string, V>, key: string, value: V): V {
  const held = table.get(key);
  if (held !== undefined) return held;
  if (table.size >= MAX_ENTRIES) table.clear();
  table.set(key, value);
  return value;
}

function dateKey(d: Date): DateKey {
  const t = d.getTime();
  for (let i = 0; i < recentDates.length; i++) if (recentDates[i] === d && recentDateKeys[i]!.t === t) return recentDateKeys[i]!;
  const k = new DateKey(t);
  recentDates[nextDateSlot] = d;
  recentDateKeys[nextDateSlot] = k;
  nextDateSlot = (nextDateSlot + 1) & 3;
  return k;
}

/**
 * The value an index entry should hold for `v`, a key value of a field other than _id: a Date as its
 * DateKey (the same one for the same Date), a short string or an ObjectId as the equal one already
 * held, else `v` itself.
 */
export function sharedKeyValue(v: unknown): unknown {
  if (typeof v === 'string') return v.length <= MAX_STRING_LENGTH ? shared(strings, v, v) : v;
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return dateKey(v);
  if ((v as { _bsontype?: string })._bsontype === 'ObjectId') {
    const oid = v as ObjectId;
    return shared(objectIds, oid.toHexString(), oid);
  }
  return v;
}

/** A Date as an index holds it, for _id values (never entered in a table). */
export function ownKeyValue(v: unknown): unknown {
  return v instanceof Date ? dateKey(v) : v;
}

/** How many values each table holds now (for tests and memory reports). */
export function sharedKeyTableSizes(): { strings: number; objectIds: number } {
  return { strings: strings.size, objectIds: objectIds.size };
}
