/**
 * A bell's numbers come from memory once read (server/db/last-numbers.ts): each node remembers the
 * recipient's last number and advances it with its own inserts. Two hubs on one store take turns on
 * the same bell, so each one's memory is behind every other time: the unique index refuses the stale
 * number, the node reads again, and the bell still reads 1, 2, 3… with nothing lost or repeated.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationDto } from '../../../shared/dto.js';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';
import { registerUser, startTestHub, type TestHub, type TestUser } from '../../helpers/index.js';

describe('notification numbers on two hubs sharing a store', { timeout: 60_000 }, () => {
  let store: EmbeddedStore;
  let storeDir: string;
  let nodeA: TestHub;
  let nodeB: TestHub;

  beforeAll(async () => {
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-numbers-'));
    store = await startEmbeddedStore({ dir: storeDir });
    const shared = { mongodbUri: `${store.uri}/kongjian` };
    [nodeA, nodeB] = await Promise.all([startTestHub(shared), startTestHub(shared)]);
  }, 90_000);
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await store?.close();
    if (storeDir) await fs.rm(storeDir, { recursive: true, force: true });
  });

  const comment = (hub: TestHub, to: TestUser, from: TestUser) =>
    hub.services.notifications.notify({ to: to.id, kind: 'comment', actorId: from.id, subject: { type: 'post', id: 'd'.repeat(24) } });

  it('numbers 1..n when the hubs take turns, and each number once', async () => {
    const [alice, bob] = await Promise.all([registerUser(nodeA, 'alice'), registerUser(nodeA, 'bob')]);
    for (let i = 0; i < 6; i++) await comment(i % 2 === 0 ? nodeA : nodeB, alice, bob);
    // Then both at once, each with a stale memory.
    await Promise.all([comment(nodeA, alice, bob), comment(nodeB, alice, bob), comment(nodeA, alice, bob), comment(nodeB, alice, bob)]);
    const listed = await alice.api.send('GET /notifications', { query: { limit: 500 } });
    expect(listed.body.notifications.map((n: NotificationDto) => n.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(listed.body.unread).toBe(10);
    const page = await alice.api.send('GET /notifications', { query: { after: 6 } });
    expect(page.body.notifications.map((n: NotificationDto) => n.seq)).toEqual([7, 8, 9, 10]);
  });
});
