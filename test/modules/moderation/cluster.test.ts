import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';
import { registerUser, startTestHub, waitFor, type TestHub, type TestUser } from '../../helpers/index.js';

/** Rules reach other nodes on their next refresh, every few seconds. */
const eventually = (check: () => boolean) => waitFor(check, { timeoutMs: 10_000, intervalMs: 100, what: 'rule change on the other node' });

describe('moderation rules across nodes sharing a store', () => {
  let store: EmbeddedStore;
  let storeDir: string;
  let a: TestHub;
  let b: TestHub;
  let moderator: TestUser;

  beforeAll(async () => {
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-moderation-store-'));
    store = await startEmbeddedStore({ dir: storeDir });
    const node = () => startTestHub({ mongodbUri: `${store.uri}/kongjian` });
    [a, b] = await Promise.all([node(), node()]);
    moderator = await registerUser(a, 'mod');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await store?.close();
    await fs.rm(storeDir, { recursive: true, force: true });
  });

  it('a rule made on one node is applied by the other after its refresh, and so is its deletion', async () => {
    const word = `jackpot${randomBytes(3).toString('hex')}`;
    const text = `win the ${word.toUpperCase()} today`;
    expect(b.services.moderation.screen(text).action).toBe('allow');
    const created = await moderator.api.send('POST /moderation/rules', { body: { pattern: word, action: 'hold' } });
    expect(created.status).toBe(201);
    expect(a.services.moderation.screen(text).action).toBe('hold'); // the writing node at once
    await eventually(() => b.services.moderation.screen(text).action === 'hold');

    expect((await moderator.api.send('DELETE /moderation/rules/:id', { params: { id: created.body.rule.id } })).status).toBe(204);
    await eventually(() => b.services.moderation.screen(text).action === 'allow');
  });
});
