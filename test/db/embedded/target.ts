/**
 * Test targets: the embedded store, and (when MONGODB_URI is set) a real MongoDB, so the same
 * conformance cases can be checked against both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';

export interface Target {
  kind: 'embedded' | 'mongodb';
  /** URI including a database name unique to this run. */
  uri: string;
  dbName: string;
  store?: EmbeddedStore;
  close(): Promise<void>;
}

export const targetKinds: Array<Target['kind']> = process.env.MONGODB_URI ? ['embedded', 'mongodb'] : ['embedded'];

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kj-${prefix}-`));
}

function withDb(uri: string, db: string): string {
  const u = new URL(uri.replace(/^mongodb:\/\/%2F/i, 'mongodb://socket/'));
  if (u.hostname === 'socket') return `${uri.split('?')[0]!.replace(/\/$/, '')}/${db}`;
  u.pathname = `/${db}`;
  return u.toString();
}

export async function startTarget(kind: Target['kind'], name: string, opts: { ttlSweepMs?: number } = {}): Promise<Target> {
  const dbName = `kjtest_${name}_${process.pid}_${Date.now().toString(36)}`;
  if (kind === 'mongodb') {
    const base = process.env.MONGODB_URI!;
    return { kind, uri: withDb(base, dbName), dbName, close: async () => {} };
  }
  const dir = tempDir(name);
  const store = await startEmbeddedStore({ dir, ttlSweepMs: opts.ttlSweepMs ?? 200 });
  return {
    kind,
    uri: `${store.uri}/${dbName}`,
    dbName,
    store,
    close: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
