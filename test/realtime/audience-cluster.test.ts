/**
 * Audience rooms across two nodes: a friendship made on one node puts the friend's sockets on the
 * other node into the author's audience at once; an unfriend on one node takes them out at once,
 * and the other node's cached friend ids are forgotten, so a new socket there does not rejoin.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../server/db/embedded/index.js';
import {
  closeAllSockets,
  connectSocket,
  expectNoEvent,
  makeFriends,
  nextEvent,
  received,
  registerUser,
  settle,
  startTestHub,
  startTestRedisSetup,
  type ApiClient,
  type TestHub,
  type TestRedisSetup,
} from '../helpers/index.js';

describe('audience rooms on a two-node uws cluster', { timeout: 60_000 }, () => {
  let redis: TestRedisSetup;
  let store: EmbeddedStore;
  let storeDir: string;
  let nodeA: TestHub;
  let nodeB: TestHub;

  beforeAll(async () => {
    redis = await startTestRedisSetup('one Redis');
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-audience-'));
    store = await startEmbeddedStore({ dir: storeDir });
    const shared = {
      engine: 'uws' as const,
      ...redis.hub,
      redisPrefix: `a${randomBytes(4).toString('hex')}`,
      mongodbUri: `${store.uri}/kongjian`,
    };
    nodeA = await startTestHub(shared);
    nodeB = await startTestHub(shared);
  }, 90_000);
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await store?.close();
    await redis?.close();
    if (storeDir) await fs.rm(storeDir, { recursive: true, force: true });
  });

  const post = (api: ApiClient, text: string) => api.send('POST /posts', { body: { kind: 'shuoshuo', text, privacy: 'friends' } });

  it('a friendship made on one node reaches sockets on the other; an unfriend there stops it, for new sockets too', async () => {
    const alice = await registerUser(nodeA, 'alice');
    const bob = await registerUser(nodeB, 'bob');
    // Bob is online on node B before they are friends (and B caches his empty friend list).
    const bobEarly = await connectSocket(nodeB, bob.token);
    await makeFriends(alice, bob);

    const first = await post(alice.api, 'hello from node A');
    expect(first.status).toBe(201);
    await nextEvent(bobEarly, 'feed:post', (p) => p.post.id === first.body.post.id);
    // A second socket of Bob on node B joins Alice's audience from B's (now invalidated) cache.
    const bobLater = await connectSocket(nodeB, bob.token);
    const second = await post(alice.api, 'second');
    await nextEvent(bobLater, 'feed:post', (p) => p.post.id === second.body.post.id);

    expect((await alice.api.send('DELETE /friends/:handle', { params: { handle: bob.handle } })).status).toBe(204);
    const bobAfter = await connectSocket(nodeB, bob.token);
    const third = await post(alice.api, 'after the unfriend');
    expect(third.status).toBe(201);
    for (const socket of [bobEarly, bobLater, bobAfter]) await expectNoEvent(socket, 'feed:post', (p) => p.post.id === third.body.post.id);
  });

  /** A counter of a node's /metrics. */
  const counter = async (node: TestHub, name: string): Promise<number> => {
    const text = await (await fetch(`${node.url}/metrics`)).text();
    return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  };

  it('a post heard from the other node reaches each local socket once, by one native publish', async () => {
    const carol = await registerUser(nodeA, 'carol');
    const dave = await registerUser(nodeB, 'dave');
    await makeFriends(carol, dave);
    const daveSockets = await Promise.all([connectSocket(nodeB, dave.token), connectSocket(nodeB, dave.token)]);
    const nativeBefore = await counter(nodeB, 'kj_native_deliveries_total');

    const sent = await post(carol.api, 'across the nodes');
    expect(sent.status).toBe(201);
    const isIt = (p: { post: { id: string } }) => p.post.id === sent.body.post.id;
    await Promise.all(daveSockets.map((socket) => nextEvent(socket, 'feed:post', isIt)));
    for (const socket of daveSockets) {
      await settle(socket);
      expect(received(socket, 'feed:post').filter(isIt)).toHaveLength(1);
    }
    // Node B published it to Carol's audience room natively: both of Dave's deliveries are counted there.
    expect((await counter(nodeB, 'kj_native_deliveries_total')) - nativeBefore).toBe(2);
  });
});
