/**
 * Circles on a two-node cluster (one store, one Redis, uws engine): a group-limited post made on one
 * node reaches the member's socket on the other and no one else's there; a friends post hidden from
 * one friend reaches every other friend on both nodes but never the excepted one's sockets; taking
 * the member out of the group stops the post room's pushes to their socket on the other node.
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
  emitAck,
  expectNoEvent,
  nextEvent,
  startTestHub,
  startTestRedisSetup,
  type TestHub,
  type TestRedisSetup,
} from '../helpers/index.js';
import { buildCircle, circlePost, type Circle } from '../modules/groups/circle-fixtures.js';

describe('circle privacy on a two-node cluster (uws, one Redis)', { timeout: 90_000 }, () => {
  let redis: TestRedisSetup;
  let store: EmbeddedStore;
  let storeDir: string;
  let nodeA: TestHub;
  let nodeB: TestHub;
  let circle: Circle;

  beforeAll(async () => {
    redis = await startTestRedisSetup('one Redis');
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-circles-'));
    store = await startEmbeddedStore({ dir: storeDir });
    const shared = {
      engine: 'uws' as const,
      ...redis.hub,
      redisPrefix: `g${randomBytes(4).toString('hex')}`,
      mongodbUri: `${store.uri}/kongjian`,
    };
    nodeA = await startTestHub(shared);
    nodeB = await startTestHub(shared);
    circle = await buildCircle(nodeA);
  }, 90_000);
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await store?.close();
    await redis?.close();
    if (storeDir) await fs.rm(storeDir, { recursive: true, force: true });
  });

  /** Every person of the circle but the author, connected to node B (the post is made on node A). */
  async function watchersOnB() {
    const { member, outsider, excepted, stranger, blocked, moderator } = circle.people;
    const [m, o, e, s, b, mod] = await Promise.all(
      [member, outsider, excepted, stranger, blocked, moderator].map((u) => connectSocket(nodeB, u.token)),
    );
    return { member: m!, outsider: o!, excepted: e!, others: [s!, b!, mod!] };
  }

  it('a group post made on node A reaches the member on node B and no one outside the group', async () => {
    const on = await watchersOnB();
    const post = await circlePost(circle, 'groups', 'across nodes, family only');
    await nextEvent(on.member, 'feed:post', (p) => p.post.id === post.id);
    for (const socket of [on.outsider, on.excepted, ...on.others]) await expectNoEvent(socket, 'feed:post', (p) => p.post.id === post.id);
  });

  it('a friends post hidden from one friend reaches the others on node B, never the excepted one', async () => {
    const on = await watchersOnB();
    const post = await circlePost(circle, 'except', 'everyone but one');
    await nextEvent(on.member, 'feed:post', (p) => p.post.id === post.id);
    await nextEvent(on.outsider, 'feed:post', (p) => p.post.id === post.id);
    for (const socket of [on.excepted, ...on.others]) await expectNoEvent(socket, 'feed:post', (p) => p.post.id === post.id);
  });

  it('a member taken out of the group on node A stops getting the post’s comments on node B', async () => {
    const on = await watchersOnB();
    const post = await circlePost(circle, 'groups', 'watched across nodes');
    expect(await emitAck(on.member, 'post:watch', { postId: post.id })).toEqual({ ok: true });
    await circle.people.author.api.post(`/posts/${post.id}/comments`, { text: 'first' });
    await nextEvent(on.member, 'post:comment', (p) => p.postId === post.id);
    // The author watches too, on node B: once the room's next broadcast reached them there, it has
    // reached every socket of that room on node B.
    const author = await connectSocket(nodeB, circle.people.author.token);
    expect(await emitAck(author, 'post:watch', { postId: post.id })).toEqual({ ok: true });
    expect((await circle.people.author.api.patch(`/groups/${circle.group.id}`, { members: [] })).status).toBe(200);
    await circle.people.author.api.post(`/posts/${post.id}/comments`, { text: 'second' });
    await nextEvent(author, 'post:comment', (p) => p.comment.text === 'second');
    await expectNoEvent(on.member, 'post:comment', (p) => p.comment.text === 'second');
  });
});
