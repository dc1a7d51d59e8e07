/**
 * The v1.2 circles' live pushes on a two-node cluster (one store, one Redis, uws engine), each made
 * on node A and heard on node B: a friend put in a group joins its room on the other node at once
 * and gets the group's posts, and taken out leaves it at once; a cared-for friend's post gives the
 * carer a `care` notification; a comment waiting for the owner reaches the owner's pending list, and
 * its approval reaches the author (`approval:decided`, an `approved` notification from the owner).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GroupDto, PostDto } from '../../shared/dto.js';
import { startEmbeddedStore, type EmbeddedStore } from '../../server/db/embedded/index.js';
import {
  apiClient,
  closeAllSockets,
  connectSocket,
  makeFriends,
  nextEvent,
  received,
  registerUsers,
  startTestHub,
  startTestRedisSetup,
  type TestHub,
  type TestRedisSetup,
  type TestUser,
} from '../helpers/index.js';

describe('circle pushes on a two-node cluster (uws, one Redis)', { timeout: 90_000 }, () => {
  let redis: TestRedisSetup;
  let store: EmbeddedStore;
  let storeDir: string;
  let nodeA: TestHub;
  let nodeB: TestHub;

  beforeAll(async () => {
    redis = await startTestRedisSetup('one Redis');
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-circle-pushes-'));
    store = await startEmbeddedStore({ dir: storeDir });
    const shared = {
      engine: 'uws' as const,
      ...redis.hub,
      redisPrefix: `c${randomBytes(4).toString('hex')}`,
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

  async function post(author: TestUser, text: string, audience: Record<string, unknown>): Promise<PostDto> {
    const res = await author.api.post('/posts', { kind: 'shuoshuo', text, ...audience });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.post as PostDto;
  }

  it('a friend put in a group on node A gets its posts on node B at once; taken out, at once no more', async () => {
    const [author, friend] = (await registerUsers(nodeA, ['author', 'friend'])) as [TestUser, TestUser];
    await makeFriends(author, friend);
    const group = (await author.api.post('/groups', { name: 'Family' })).body.group as GroupDto;
    const onB = await connectSocket(nodeB, friend.token);
    expect((await author.api.patch(`/groups/${group.id}`, { members: [friend.handle] })).status).toBe(200);
    const first = await post(author, 'for the family', { privacy: 'groups', groups: [group.id] });
    await nextEvent(onB, 'feed:post', (p) => p.post.id === first.id);

    expect((await author.api.patch(`/groups/${group.id}`, { members: [] })).status).toBe(200);
    const second = await post(author, 'family only, again', { privacy: 'groups', groups: [group.id] });
    // A friends post made after it reaches node B; the group post, sent before it, would have come first.
    const after = await post(author, 'for all friends', { privacy: 'friends' });
    await nextEvent(onB, 'feed:post', (p) => p.post.id === after.id);
    expect(received(onB, 'feed:post').map((p) => p.post.id)).not.toContain(second.id);
    expect(received(onB, 'feed:post').map((p) => p.post.id)).toEqual([first.id, after.id]);
  });

  it('a cared-for friend’s post on node A notifies the carer on node B', async () => {
    const [carer, cared] = (await registerUsers(nodeA, ['carer', 'cared'])) as [TestUser, TestUser];
    await makeFriends(carer, cared);
    expect((await carer.api.put(`/friends/${cared.handle}/care`)).status).toBe(204);
    const onB = await connectSocket(nodeB, carer.token);
    const news = await post(cared, 'news from the garden', { privacy: 'friends' });
    const { notification } = await nextEvent(onB, 'notification', (p) => p.notification.kind === 'care');
    expect(notification).toMatchObject({ kind: 'care', actor: { id: cared.id }, subject: { type: 'post', id: news.id } });
  });

  it('a mark made on node B counts for the next post on node A, which had remembered the author’s carers', async () => {
    const [carer, cared] = (await registerUsers(nodeA, ['carer', 'cared'])) as [TestUser, TestUser];
    await makeFriends(carer, cared);
    const carerOnB = apiClient(nodeB.url, carer.token);
    const onB = await connectSocket(nodeB, carer.token);
    // Node A reads the author's carers (none) and remembers them.
    await post(cared, 'before the mark', { privacy: 'friends' });
    expect((await carerOnB.put(`/friends/${cared.handle}/care`)).status).toBe(204);
    const news = await post(cared, 'after the mark', { privacy: 'friends' });
    const { notification } = await nextEvent(onB, 'notification', (p) => p.notification.kind === 'care');
    expect(notification).toMatchObject({ kind: 'care', subject: { type: 'post', id: news.id } });
    expect((await carerOnB.delete(`/friends/${cared.handle}/care`)).status).toBe(204);
    const unmarked = await post(cared, 'after the unmark', { privacy: 'friends' });
    // A friends post the carer sees arrives after any care notice about it would have.
    await nextEvent(onB, 'feed:post', (p) => p.post.id === unmarked.id);
    const later = await post(cared, 'a marker', { privacy: 'friends' });
    await nextEvent(onB, 'feed:post', (p) => p.post.id === later.id);
    const cares = received(onB, 'notification').filter((p) => p.notification.kind === 'care');
    expect(cares.map((p) => p.notification.subject.id)).toEqual([news.id]);
  });

  it('a waiting comment reaches the owner on node B; its approval on node A reaches the author on node B', async () => {
    const [owner, author] = (await registerUsers(nodeA, ['owner', 'author'])) as [TestUser, TestUser];
    await makeFriends(owner, author);
    expect((await owner.api.patch('/spaces/me', { approval: { comments: true } })).status).toBe(200);
    const mine = await post(owner, 'the roses', { privacy: 'friends' });
    const [ownerOnB, authorOnB] = [await connectSocket(nodeB, owner.token), await connectSocket(nodeB, author.token)];

    const made = await author.api.post(`/posts/${mine.id}/comments`, { text: 'so red' });
    expect(made.body.comment.pending).toBe(true);
    expect((await nextEvent(ownerOnB, 'approval:pending')).comment?.id).toBe(made.body.comment.id);

    expect((await owner.api.post(`/spaces/me/pending/comment/${made.body.comment.id}/approve`)).status).toBe(200);
    expect(await nextEvent(authorOnB, 'approval:decided')).toEqual({ kind: 'comment', id: made.body.comment.id, approved: true });
    const { notification } = await nextEvent(authorOnB, 'notification', (p) => p.notification.kind === 'approved');
    expect(notification).toMatchObject({
      actor: { id: owner.id },
      subject: { type: 'comment', id: made.body.comment.id, parentId: mine.id },
    });
  });
});
