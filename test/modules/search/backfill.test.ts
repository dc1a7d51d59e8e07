/** Accounts made before search keys existed get them once, in the background, when a node starts. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';
import { registerUser, startTestHub, waitFor } from '../../helpers/index.js';

describe('search key backfill', () => {
  let store: EmbeddedStore;
  let storeDir: string;
  beforeAll(async () => {
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-search-store-'));
    store = await startEmbeddedStore({ dir: storeDir });
  });
  afterAll(async () => {
    await store?.close();
    await fs.rm(storeDir, { recursive: true, force: true });
  });

  it('a node started on a store of older accounts makes them findable', async () => {
    const uri = `${store.uri}/kongjian`;
    const first = await startTestHub({ mongodbUri: uri });
    const old = await registerUser(first, 'oldtimer', '老用户 Oldtimer');
    // As a store from before this release: no keys, no marker.
    for (const conn of mongoose.connections.filter((c) => c.readyState === mongoose.ConnectionStates.connected && c.models.UserSearchKey)) {
      await conn.models.UserSearchKey!.deleteMany({});
      await conn.models.Marker!.deleteOne({ _id: 'search-keys-v1' });
    }
    expect((await old.api.call('GET /users', { query: { q: 'oldtimer' } })).users).toEqual([]);
    await first.close();

    const second = await startTestHub({ mongodbUri: uri });
    try {
      const viewer = await registerUser(second, 'newcomer');
      const found = await waitFor(
        async () => {
          const users = (await viewer.api.call('GET /users', { query: { q: '老用' } })).users;
          return users.length > 0 && users;
        },
        { timeoutMs: 10_000, intervalMs: 100, what: 'the old account in search' },
      );
      expect(found.map((u) => u.id)).toEqual([old.id]);
    } finally {
      await second.close();
    }
  });
});
