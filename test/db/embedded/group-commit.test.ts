/** Group commit: concurrent commands share lmdb transactions, each resolves only once durable. */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Persistence } from '../../../server/db/embedded/persistence.js';
import type { WriteOp } from '../../../server/db/embedded/collection.js';
import { tempDir } from './target.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

interface Countable {
  root: { transaction(cb: () => void): Promise<unknown> };
}

describe('group commit', () => {
  it('commits 300 concurrent commands in a few transactions, all durable when acknowledged', async () => {
    const dir = tempDir('group');
    dirs.push(dir);
    const p = Persistence.open(dir);
    const root = (p as unknown as Countable).root;
    const original = root.transaction.bind(root);
    let transactions = 0;
    root.transaction = (cb) => {
      transactions++;
      return original(cb);
    };
    const meta: WriteOp = { type: 'meta', ns: 'db.c', value: Buffer.from([5, 0, 0, 0, 0]) };
    const commits: Array<Promise<void>> = [p.commit([meta])];
    for (let i = 0; i < 300; i++) {
      const raw = Buffer.from([5, 0, 0, 0, 0]);
      // Two ops per command: both must land in the same transaction.
      commits.push(
        p.commit([
          { type: 'put', ns: 'db.c', key: `k${i}`, raw },
          { type: 'put', ns: 'db.c', key: `j${i}`, raw },
        ]),
      );
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    await Promise.all(commits);
    expect(transactions).toBeGreaterThan(0);
    expect(transactions).toBeLessThan(50);
    await p.close();
    const again = Persistence.open(dir);
    let docs = 0;
    again.loadAll(
      () => undefined,
      (ns) => (docs += ns === 'db.c' ? 1 : 0),
    );
    expect(docs).toBe(600);
    await again.close();
  });
});
