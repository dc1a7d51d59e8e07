/**
 * The store maps its lmdb data file once: growing the file by many small commits (as sparse
 * writes do) must not leave earlier mappings of data.mdb resident beside the current one.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { WriteOp } from '../../../server/db/embedded/collection.js';
import { Persistence } from '../../../server/db/embedded/persistence.js';
import { fileMapping } from '../../../scripts/loadtest/store-memory.js';
import { tempDir } from './target.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('the data file', () => {
  it.runIf(process.platform === 'linux')('is mapped once while it grows from empty to megabytes', async () => {
    const dir = tempDir('map');
    dirs.push(dir);
    const p = Persistence.open(dir);
    expect(fileMapping(process.pid, '/data.mdb').mappings).toBe(1);
    await p.commit([{ type: 'meta', ns: 'db.c', value: Buffer.from([5, 0, 0, 0, 0]) }]);
    const raw = Buffer.alloc(200, 1);
    for (let batch = 0; batch < 40; batch++) {
      const commits: Array<Promise<void>> = [];
      for (let i = 0; i < 500; i++) {
        const op: WriteOp = { type: 'put', ns: 'db.c', key: `k${batch * 500 + i}`, raw };
        commits.push(p.commit([op]));
      }
      await Promise.all(commits);
    }
    expect(fs.statSync(`${dir}/data.mdb`).size).toBeGreaterThan(4 * 2 ** 20);
    expect(fileMapping(process.pid, '/data.mdb').mappings).toBe(1);
    await p.close();
    expect(fileMapping(process.pid, '/data.mdb').mappings).toBe(0);
  });
});
