/**
 * `writeConcern: { j: false }`: the store answers once the write is applied, before its transaction,
 * and the write reaches disk with the next transaction any command makes (or one of its own within
 * LAZY_COMMIT_MS). Commits keep their order, so a durable write acknowledged after it carries it.
 */
import fs from 'node:fs';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';
import { Persistence } from '../../../server/db/embedded/persistence.js';
import { tempDir } from './target.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

interface Countable {
  root: { transaction(cb: () => void): Promise<unknown> };
}

/** Counts the lmdb transactions a Persistence makes. */
function countTransactions(p: Persistence): { readonly n: number } {
  const root = (p as unknown as Countable).root;
  const original = root.transaction.bind(root);
  const counter = { n: 0 };
  root.transaction = (cb) => {
    counter.n++;
    return original(cb);
  };
  return counter;
}

/** The documents committed under `ns` in `dir` (the store must be closed). */
async function committed(dir: string, ns: string): Promise<number> {
  const p = Persistence.open(dir);
  let docs = 0;
  p.loadAll(
    () => undefined,
    (n) => (docs += n === ns ? 1 : 0),
  );
  await p.close();
  return docs;
}

async function withStore<T>(dir: string, run: (client: MongoClient, store: EmbeddedStore) => Promise<T>): Promise<T> {
  const store = await startEmbeddedStore({ dir });
  const client = await MongoClient.connect(store.uri);
  try {
    return await run(client, store);
  } finally {
    await client.close();
    await store.close();
  }
}

const lazily = { writeConcern: { w: 1, j: false } } as const;
const raw = Buffer.from([5, 0, 0, 0, 0]);

describe('writes acknowledged before their commit (j: false)', () => {
  it('rides in the next durable transaction, in order', async () => {
    const dir = tempDir('lazy');
    dirs.push(dir);
    const p = Persistence.open(dir);
    const transactions = countTransactions(p);
    await p.commit([{ type: 'meta', ns: 'db.c', value: raw }]);
    const before = transactions.n;
    // Acknowledged at once: nothing is written for it yet.
    await p.commit([{ type: 'put', ns: 'db.c', key: 'claim', raw }], false);
    expect(transactions.n).toBe(before);
    await p.commit([{ type: 'put', ns: 'db.c', key: 'post', raw }]);
    // One transaction held both.
    expect(transactions.n).toBe(before + 1);
    await p.close();
    expect(await committed(dir, 'db.c')).toBe(2);
  });

  it('is committed on its own within the interval when no durable write comes, and on close', async () => {
    const dir = tempDir('lazy-alone');
    dirs.push(dir);
    const p = Persistence.open(dir);
    const transactions = countTransactions(p);
    await p.commit([{ type: 'meta', ns: 'db.c', value: raw }]);
    const before = transactions.n;
    await p.commit([{ type: 'put', ns: 'db.c', key: 'a', raw }], false);
    await expect.poll(() => transactions.n, { timeout: 2_000, interval: 20 }).toBe(before + 1);
    await p.commit([{ type: 'put', ns: 'db.c', key: 'b', raw }], false);
    await p.close();
    expect(await committed(dir, 'db.c')).toBe(2);
  });

  it('through the driver: answered and readable at once, unique indexes still refuse, kept across a restart', async () => {
    const dir = tempDir('lazy-driver');
    dirs.push(dir);
    await withStore(dir, async (client) => {
      const keys = client.db('k').collection<{ _id: string; state: string }>('keys');
      await keys.insertOne({ _id: 'u:1', state: 'pending' }, lazily);
      // Another request with the same key is refused by the _id index at once.
      await expect(keys.insertOne({ _id: 'u:1', state: 'pending' }, lazily)).rejects.toMatchObject({ code: 11000 });
      expect(await keys.findOne({ _id: 'u:1' })).toEqual({ _id: 'u:1', state: 'pending' });
      await keys.updateOne({ _id: 'u:1' }, { $set: { state: 'done' } }, lazily);
      expect(await keys.findOne({ _id: 'u:1' })).toEqual({ _id: 'u:1', state: 'done' });
    });
    await withStore(dir, async (client) => {
      expect(
        await client
          .db('k')
          .collection('keys')
          .findOne({ _id: 'u:1' as never }),
      ).toEqual({ _id: 'u:1', state: 'done' });
    });
  });
});
