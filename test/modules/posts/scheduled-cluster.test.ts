/**
 * Scheduled posts on two nodes over one store and one Redis: both race for every due post, and each
 * is published exactly once — one push per friend, one mention notification — wherever it was
 * scheduled. A post scheduled on one node wakes the other over the bus (its poll is an hour).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';
import {
  closeAllSockets,
  connectSocket,
  makeFriends,
  received,
  registerUser,
  settle,
  startTestHub,
  startTestRedis,
  waitFor,
  type TestHub,
  type TestRedis,
} from '../../helpers/index.js';

const env = { SCHEDULE_MIN_LEAD_MS: '200', SCHEDULE_POLL_MS: '3600000', SCHEDULE_LEASE_MS: '5000' };

describe('scheduled posts across two nodes', { timeout: 60_000 }, () => {
  let store: EmbeddedStore;
  let storeDir: string;
  let redis: TestRedis;
  let a: TestHub;
  let b: TestHub;
  const redisPrefix = `s${randomBytes(4).toString('hex')}`;
  const node = () => startTestHub({ redisUrl: redis.url, redisPrefix, mongodbUri: `${store.uri}/kongjian`, env });

  beforeAll(async () => {
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-sched-store-'));
    store = await startEmbeddedStore({ dir: storeDir });
    redis = await startTestRedis();
    [a, b] = await Promise.all([node(), node()]);
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.close();
    await store?.close();
    await fs.rm(storeDir, { recursive: true, force: true });
  });

  it('publishes each of 30 posts due at once exactly once, with one push and one mention each', async () => {
    const alice = await registerUser(a, 'alice');
    const bob = await registerUser(b, 'bob');
    await makeFriends(alice, bob);
    const bobSocket = await connectSocket(b, bob.token);
    // Far enough ahead that 30 creates fit before it on a loaded machine.
    const at = new Date(Date.now() + 12_000).toISOString();
    const made = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        alice.api.send('POST /posts', { body: { kind: 'shuoshuo', text: `race ${i} @${bob.handle}`, privacy: 'friends', publishAt: at } }),
      ),
    );
    for (const res of made) expect(res.status, JSON.stringify(res.body)).toBe(201);
    const ids = made.map((res) => res.body.post.id);

    await waitFor(() => ids.every((id) => received(bobSocket, 'feed:post').some((p) => p.post.id === id)), {
      timeoutMs: 25_000,
      what: 'every post pushed',
    });
    await settle(bobSocket);
    const pushes = received(bobSocket, 'feed:post').map((p) => p.post.id);
    expect(pushes.sort()).toEqual([...ids].sort());
    const mentions = await waitFor(
      async () => {
        const list = (await bob.api.call('GET /notifications', { query: { limit: 50 } })).notifications;
        const found = list.filter((n) => n.kind === 'mention');
        return found.length >= ids.length && found;
      },
      { what: 'every mention' },
    );
    expect(mentions.map((n) => n.subject.id).sort()).toEqual([...ids].sort());
    const feed = await bob.api.send('GET /feed', { query: { limit: 50 } });
    expect(feed.body.posts.map((p: { id: string }) => p.id).sort()).toEqual([...ids].sort());
  });

  it('a post scheduled on node A is published on time though A is gone: node B heard of it over the bus', async () => {
    const spare = await node();
    const carol = await registerUser(spare, 'carol');
    const dave = await registerUser(b, 'dave');
    await makeFriends(carol, dave);
    const daveSocket = await connectSocket(b, dave.token);
    const made = await carol.api.send('POST /posts', {
      body: {
        kind: 'shuoshuo',
        text: 'from a node that left',
        privacy: 'friends',
        publishAt: new Date(Date.now() + 1_500).toISOString(),
      },
    });
    expect(made.status).toBe(201);
    await spare.close();
    await waitFor(() => received(daveSocket, 'feed:post').some((p) => p.post.id === made.body.post.id), {
      timeoutMs: 8_000,
      what: 'the post published by another node',
    });
  });
});
