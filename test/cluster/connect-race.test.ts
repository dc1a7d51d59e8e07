/**
 * A post made the moment a friend's socket has connected to the other node reaches it: the socket
 * counts as connected only once the Redis subscriptions of its rooms are confirmed (the audience
 * room of each friend is joined during the handshake, and the join waits for its channel). Fifty
 * races per setup; between two, node B has let the reader's socket go, so its rooms' channels are
 * unsubscribed and each race subscribes them anew.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../server/db/embedded/index.js';
import {
  closeAllSockets,
  connectSocket,
  makeFriends,
  nextEvent,
  registerUser,
  startTestHub,
  startTestRedisSetup,
  type RedisSetupKind,
  type TestHub,
  type TestRedisSetup,
  waitFor,
} from '../helpers/index.js';

const races = 50;

const setups: ReadonlyArray<readonly ['classic' | 'sharded', RedisSetupKind]> = [
  ['sharded', 'one Redis'],
  ['classic', 'one Redis'],
  ['sharded', 'Redis Cluster'],
];

describe.each(setups)('connect, then post at once: the %s adapter over %s', { timeout: 180_000 }, (adapter, redisKind) => {
  let redis: TestRedisSetup;
  let store: EmbeddedStore;
  let storeDir: string;
  let nodeA: TestHub;
  let nodeB: TestHub;

  beforeAll(async () => {
    redis = await startTestRedisSetup(redisKind);
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-race-'));
    store = await startEmbeddedStore({ dir: storeDir });
    const shared = {
      ...redis.hub,
      redisPrefix: `r${randomBytes(4).toString('hex')}`,
      mongodbUri: `${store.uri}/kongjian`,
      env: { REDIS_ADAPTER: adapter, RATE_LIMIT_SCALE: '1000' },
    };
    // Side by side, as a deployment starts its nodes.
    [nodeA, nodeB] = await Promise.all([startTestHub(shared), startTestHub(shared)]);
  }, 90_000);
  afterAll(async () => {
    closeAllSockets();
    await nodeA?.close();
    await nodeB?.close();
    await store?.close();
    await redis?.close();
    if (storeDir) await fs.rm(storeDir, { recursive: true, force: true });
  });

  it(`${races} races between a friend's connect on node B and a post on node A: none lost`, async () => {
    const [author, reader] = await Promise.all([registerUser(nodeA, 'author'), registerUser(nodeB, 'reader')]);
    await makeFriends(author, reader);
    let lost = 0;
    for (let race = 0; race < races; race += 1) {
      // Node B has no socket left in the author's audience room: it is unsubscribed from its channel.
      await waitFor(async () => (await nodeB.health()).sockets === 0, {
        timeoutMs: 10_000,
        intervalMs: 5,
        what: 'node B let the last socket go',
      });
      const socket = await connectSocket(nodeB, reader.token);
      const made = await author.api.post('/posts', { kind: 'shuoshuo', text: 'right after you connected', privacy: 'friends' });
      expect(made.status).toBe(201);
      // Generous: a post that arrives at all arrives within milliseconds; one that was lost never does.
      const arrived = await nextEvent(socket, 'feed:post', (p) => p.post.id === made.body.post.id, 10_000).then(
        () => true,
        () => false,
      );
      if (!arrived) lost += 1;
      socket.close();
    }
    expect(lost, `posts lost of ${races}`).toBe(0);
  });
});
