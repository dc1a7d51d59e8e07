/**
 * An owner's approval settings (评论审核) are remembered per owner on each node (every comment by someone
 * else asks), so turning approval on through one node must hold the next comment made through any
 * other node, and turning it off must let comments straight through again: two nodes over one Redis
 * and one store; the comments are made through node B, which had remembered the old setting.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';
import {
  apiClient,
  closeAllSockets,
  makeFriends,
  registerUser,
  startTestHub,
  startTestRedis,
  type TestHub,
  type TestRedis,
} from '../../helpers/index.js';

describe('comment approval across two nodes', () => {
  let store: EmbeddedStore;
  let storeDir: string;
  let redis: TestRedis;
  let a: TestHub;
  let b: TestHub;
  const redisPrefix = `a${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-approval-store-'));
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

  it('approval turned on through node A holds the next comment made through node B, and off lets it through', async () => {
    const [owner, friend] = await Promise.all([registerUser(a, 'owner'), registerUser(a, 'friend')]);
    await makeFriends(owner, friend);
    const { post } = await owner.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'approve me', privacy: 'friends' } });
    const friendOnB = apiClient(b.url, friend.token);
    const comment = async (text: string) =>
      (await friendOnB.call('POST /posts/:id/comments', { params: { id: post.id }, body: { text } })).comment;

    // Node B reads (and remembers) that the owner approves nothing.
    expect(await comment('straight in')).toMatchObject({ status: 'published' });

    await owner.api.call('PATCH /spaces/me', { body: { approval: { comments: true } } });
    const held = await comment('wait for me');
    expect(held).toMatchObject({ pending: true });
    expect(held).not.toHaveProperty('status');

    await owner.api.call('PATCH /spaces/me', { body: { approval: { comments: false } } });
    expect(await comment('in again')).toMatchObject({ status: 'published' });
  });
});
