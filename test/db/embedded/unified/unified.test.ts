/**
 * Our own unified-format cases (cases/*.json), run by the same runner as MongoDB's published
 * files, against the embedded store and, when MONGODB_URI is set, a real MongoDB: every case
 * must hold on both. cases/store-only/ holds what the store refuses on purpose (collation,
 * $out/$merge, views) and runs against the store only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, targetKinds, type Target } from '../target.js';
import { parseUnified, runTest, serverInfo, unmetRequirement, type ServerInfo, type UnifiedFile } from './runner.js';

const casesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');

function load(dir: string): Array<[string, UnifiedFile]> {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f.replace(/\.json$/, ''), parseUnified(fs.readFileSync(path.join(dir, f), 'utf8'))]);
}

const shared = load(casesDir);
const storeOnly = load(path.join(casesDir, 'store-only'));

describe.each(targetKinds)('unified cases against %s', (kind) => {
  let target: Target;
  let internal: MongoClient;
  let info: ServerInfo;
  /** The server's root URI: cases name their own databases. */
  let rootUri: string;

  beforeAll(async () => {
    target = await startTarget(kind, 'unified');
    rootUri = target.store ? target.store.uri : process.env.MONGODB_URI!;
    internal = new MongoClient(rootUri);
    await internal.connect();
    info = await serverInfo(internal);
  });

  afterAll(async () => {
    await internal
      .db('kj-unified')
      .dropDatabase()
      .catch(() => undefined);
    await internal.close();
    await target.close();
  });

  const files = kind === 'embedded' ? [...shared, ...storeOnly] : shared;
  for (const [name, file] of files) {
    describe(name, () => {
      for (const t of file.tests) {
        it(t.description, async () => {
          const unmet = unmetRequirement(file.runOnRequirements, info) ?? unmetRequirement(t.runOnRequirements, info);
          if (unmet) return;
          const r = await runTest(file, t, internal, rootUri);
          expect(r.reason ?? '').toBe('');
          expect(r.status).toBe('pass');
        });
      }
    });
  }
});
