/** Index entries of different documents share equal key values (shared-keys.ts) and still find them. */
import { deserialize, ObjectId, serialize } from 'bson';
import { describe, expect, it } from 'vitest';
import { DateKey } from '../../../server/db/embedded/bson-values.js';
import { Index } from '../../../server/db/embedded/indexes.js';
import { sharedKeyTableSizes, sharedKeyValue } from '../../../server/db/embedded/shared-keys.js';

/** A document as the store sees it: decoded from its own bytes, so no two share an object. */
const stored = (doc: Record<string, unknown>) => deserialize(serialize(doc));

describe('shared index key values', () => {
  const byAuthor = new Index({ name: 'author_1_status_1_createdAt_-1', key: { author: 1, status: 1, createdAt: -1 } });
  const byId = new Index({ name: '_id_1', key: { _id: 1 } });
  const author = new ObjectId();

  it('two posts by one author hold one author id and one status string between them', () => {
    const a = stored({ _id: new ObjectId(), author, status: 'published', createdAt: new Date(1) });
    const b = stored({ _id: new ObjectId(), author, status: 'published', createdAt: new Date(2) });
    expect(a.author).not.toBe(b.author);
    const [ka] = byAuthor.keysFor(a)!;
    const [kb] = byAuthor.keysFor(b)!;
    expect(ka![0]).toBe(kb![0]);
    expect((ka![0] as ObjectId).equals(author)).toBe(true);
    expect(ka![1]).toBe(kb![1]);
    expect(ka![2]).toEqual(new DateKey(1));
    expect(kb![2]).toEqual(new DateKey(2));
  });

  it("one document's Date is one key in each of its indexes; an _id is the document's own", () => {
    const byTime = new Index({ name: 'createdAt_1', key: { createdAt: 1 } });
    const doc = stored({ _id: new ObjectId(), author, status: 'draft', createdAt: new Date(5) });
    expect(byTime.keysFor(doc)![0]![0]).toBe(byAuthor.keysFor(doc)![0]![2]);
    const twin = stored({ _id: doc._id, author });
    expect(byId.keysFor(doc)![0]![0]).toBe(doc._id);
    expect(byId.keysFor(twin)![0]![0]).not.toBe(doc._id);
  });

  it('values that never repeat are held in a bounded table, and equal ones still compare equal after it empties', () => {
    const first = sharedKeyValue('handle-0');
    for (let i = 1; i < 200_000; i++) {
      sharedKeyValue(`handle-${i}`);
      sharedKeyValue(new ObjectId());
    }
    expect(sharedKeyTableSizes().strings).toBeLessThanOrEqual(1 << 15);
    expect(sharedKeyTableSizes().objectIds).toBeLessThanOrEqual(1 << 15);
    const again = sharedKeyValue('handle-0');
    expect(again).toBe('handle-0');
    expect(first).toBe('handle-0');
    const long = 'x'.repeat(41);
    expect(sharedKeyValue(long)).toBe(long);
    expect(sharedKeyValue(7)).toBe(7);
    expect(sharedKeyValue(null)).toBe(null);
  });
});
