/**
 * A scheduled post's announce survives the node that published it: two nodes over one store and one
 * Redis, each set (test-only SCHEDULE_TEST_STALL) to stop as if it died at one step after publishing
 * a due post. Whichever node wins the post stalls and is closed; the other takes the announce over
 * once its lease has passed. The friend's socket on the surviving node gets the post live, and the
 * friend is told of it exactly once (one mention, one care notice) — also when the dead node had
 * already sent them before it could mark the announce done.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mongoose, { Types, type Connection } from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';
import {
  apiClient,
  closeAllSockets,
  connectSocket,
  makeFriends,
  nextEvent,
  received,
  registerUser,
  settle,
  startTestHub,
  startTestRedis,
  waitFor,
  type TestHub,
  type TestRedis,
} from '../../helpers/index.js';

const leaseMs = 1_500;

describe('a scheduled post whose node dies before its announce is done', { timeout: 60_000 }, () => {
  let store: EmbeddedStore;
  let storeDir: string;
  let db: Connection;
  let redis: TestRedis;
  const hubs = new Set<TestHub>();

  const node = async (id: string, stall: string) => {
    const hub = await startTestHub({
      redisUrl: redis.url,
      redisPrefix,
      mongodbUri: `${store.uri}/kongjian`,
      env: {
        NODE_ID: id,
        SCHEDULE_TEST_STALL: stall,
        SCHEDULE_MIN_LEAD_MS: '200',
        SCHEDULE_POLL_MS: '3600000',
        SCHEDULE_LEASE_MS: String(leaseMs),
      },
    });
    hubs.add(hub);
    return hub;
  };
  let redisPrefix = '';
  const outboxOf = async (id: string) =>
    (await db.collection('posts').findOne({ _id: new Types.ObjectId(id) }, { projection: { status: 1, announceBy: 1 } })) as {
      status: string;
      announceBy?: string;
    } | null;

  beforeAll(async () => {
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-announce-store-'));
    store = await startEmbeddedStore({ dir: storeDir });
    redis = await startTestRedis();
    db = await mongoose.createConnection(`${store.uri}/kongjian`).asPromise();
  });
  afterEach(async () => {
    closeAllSockets();
    await Promise.all([...hubs].map((h) => h.close()));
    hubs.clear();
  });
  afterAll(async () => {
    await db?.close();
    await redis?.close();
    await store?.close();
    await fs.rm(storeDir, { recursive: true, force: true });
  });

  it.each(['before-announce', 'before-clear'] as const)(
    'stopped %s: the surviving node pushes it to the friend live, who is told of it exactly once',
    async (stall) => {
      redisPrefix = `a${randomBytes(4).toString('hex')}`;
      const [a, b] = await Promise.all([node(`${stall}-a`, stall), node(`${stall}-b`, stall)]);
      const alice = await registerUser(a, 'alice');
      const bob = await registerUser(a, 'bob');
      await makeFriends(alice, bob);
      expect((await bob.api.send('PUT /friends/:handle/care', { params: { handle: alice.handle } })).status).toBe(204);
      const sockets = new Map([
        [a, await connectSocket(a, bob.token)],
        [b, await connectSocket(b, bob.token)],
      ]);

      const made = await alice.api.send('POST /posts', {
        body: {
          kind: 'shuoshuo',
          text: `on time @${bob.handle}`,
          privacy: 'friends',
          publishAt: new Date(Date.now() + 1_000).toISOString(),
        },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const id = made.body.post.id;

      // One node wins the post, publishes it and stops there, its announce owed.
      const published = await waitFor(
        async () => {
          const now = await outboxOf(id);
          return now?.status === 'published' && now.announceBy;
        },
        { timeoutMs: 10_000, what: 'the post published with its announce owed' },
      );
      const [dead, survivor] = published === `${stall}-a` ? [a, b] : [b, a];
      const survivorSocket = sockets.get(survivor)!;
      if (stall === 'before-announce') expect(received(survivorSocket, 'feed:post')).toEqual([]);
      else {
        // It stops once its pushes and notifications are out (they reach the survivor's socket too).
        await nextEvent(survivorSocket, 'feed:post', (p) => p.post.id === id);
        for (const kind of ['care', 'mention']) {
          await nextEvent(survivorSocket, 'notification', (n) => n.notification.kind === kind && n.notification.subject.id === id);
        }
      }
      await dead.close();
      hubs.delete(dead);

      // Once the dead node's lease has passed, the survivor announces it.
      const pushed = await nextEvent(survivorSocket, 'feed:post', (p) => p.post.id === id, 10_000);
      expect(await outboxOf(id)).toMatchObject({ status: 'published' });
      expect(pushed.post).toMatchObject({ status: 'published', text: `on time @${bob.handle}` });
      await waitFor(async () => (await outboxOf(id))?.announceBy === undefined, { what: 'the announce marked done' });
      await settle(survivorSocket);
      // The dead node pushed it once already when it stopped after its announce.
      expect(received(survivorSocket, 'feed:post').filter((p) => p.post.id === id)).toHaveLength(stall === 'before-announce' ? 1 : 2);

      const told = (await apiClient(survivor.url, bob.token).get('/notifications?limit=50')).body.notifications as Array<{
        kind: string;
        subject: { id: string };
      }>;
      const aboutPost = told.filter((n) => n.subject.id === id).map((n) => n.kind);
      expect(aboutPost.sort()).toEqual(['care', 'mention']);
      const live = received(survivorSocket, 'notification').filter((n) => n.notification.subject.id === id);
      expect(live.map((n) => n.notification.kind).sort()).toEqual(['care', 'mention']);
    },
  );
});
