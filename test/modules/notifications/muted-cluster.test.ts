/**
 * Muted kinds are remembered per user on each node (every notification asks), so muting on one node
 * must silence the kind on every other node at once, and unmuting must bring it back: two nodes over
 * one Redis and one store; the comments are made through node B, which had remembered the old choice.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';
import type { NotificationDto } from '../../../shared/dto.js';
import {
  apiClient,
  closeAllSockets,
  connectSocket,
  makeFriends,
  nextEvent,
  registerUser,
  startTestHub,
  startTestRedis,
  type TestHub,
  type TestRedis,
} from '../../helpers/index.js';

describe('muting a kind of notification across two nodes', () => {
  let store: EmbeddedStore;
  let storeDir: string;
  let redis: TestRedis;
  let a: TestHub;
  let b: TestHub;
  const redisPrefix = `m${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-muted-store-'));
    store = await startEmbeddedStore({ dir: storeDir });
    redis = await startTestRedis();
    const node = () => startTestHub({ redisUrl: redis.url, redisPrefix, mongodbUri: `${store.uri}/kongjian` });
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

  it('a kind muted on node A stays silent for comments made through node B, and rings again once unmuted', async () => {
    const [alice, bob] = await Promise.all([registerUser(a, 'alice'), registerUser(a, 'bob')]);
    await makeFriends(alice, bob);
    const { post } = await alice.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'muting', privacy: 'friends' } });
    const bobOnB = apiClient(b.url, bob.token);
    const comment = (text: string) => bobOnB.call('POST /posts/:id/comments', { params: { id: post.id }, body: { text } });
    const bell = async () => {
      const { notifications } = await alice.api.call('GET /notifications', { query: { limit: 100 } });
      return notifications.filter((n: NotificationDto) => n.kind === 'comment').map((n) => n.subject.excerpt);
    };
    const socket = await connectSocket(a, alice.token);

    // Node B reads (and remembers) that alice mutes nothing.
    let rung = nextEvent(socket, 'notification', (e) => e.notification.subject.excerpt === 'first');
    await comment('first');
    await rung;

    await alice.api.call('PUT /notifications/settings', { body: { muted: ['comment'] } });
    await comment('while muted');
    // A like is not muted: once it has rung, the comment before it would have too.
    rung = nextEvent(socket, 'notification', (e) => e.notification.kind === 'like');
    await bobOnB.call('PUT /posts/:id/like', { params: { id: post.id } });
    await rung;
    expect(await bell()).toEqual(['first']);

    await alice.api.call('PUT /notifications/settings', { body: { muted: [] } });
    rung = nextEvent(socket, 'notification', (e) => e.notification.subject.excerpt === 'after');
    await comment('after');
    await rung;
    expect((await bell()).sort()).toEqual(['after', 'first']);
  });
});
