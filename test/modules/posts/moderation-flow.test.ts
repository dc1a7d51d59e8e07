/** Screened posts and comments: blocked never stored, held/review seen by the author alone until approved. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  closeAllSockets,
  engines,
  errorOf,
  expectNoEvent,
  makeFriends,
  nextEvent,
  registerUser,
  startTestHub,
  type TestHub,
  type TestUser,
} from '../../helpers/index.js';
import { allPages, connectAll } from './post-fixtures.js';

describe.each(engines)('moderated posts on %s', (engine) => {
  let hub: TestHub;
  let moderator: TestUser;
  beforeAll(async () => {
    hub = await startTestHub({ engine });
    moderator = await registerUser(hub, 'mod'); // the first user of a hub is a moderator
    for (const [pattern, action] of [
      ['forbiddenword', 'block'],
      ['holdword', 'hold'],
      ['reviewword', 'review'],
    ] as const) {
      expect((await moderator.api.send('POST /moderation/rules', { body: { pattern, action } })).status).toBe(201);
    }
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await hub?.close();
  });

  it('blocked text answers 422 and stores nothing', async () => {
    const alice = await registerUser(hub, 'alice');
    const res = await alice.api.request('POST /posts', { body: { kind: 'shuoshuo', text: 'a forbiddenword here', privacy: 'public' } });
    expect(res.status).toBe(422);
    expect(errorOf(res).code).toBe('blocked');
    // v1.1: the answer never names the keyword (the audit log keeps it for moderators).
    expect(errorOf(res).message).not.toContain('forbiddenword');
    const diary = await alice.api.request('POST /posts', {
      body: { kind: 'diary', title: 'forbiddenword', text: '<p>ok</p>', privacy: 'public' },
    });
    expect(diary.status).toBe(422);
    expect(await allPages(alice, `/spaces/${alice.handle}/posts`)).toEqual([]);
  });

  it('a held post is the author’s alone, pushed to nobody, until approved — then it reaches friends live', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    await makeFriends(alice, bob);
    const [bobSocket] = await connectAll(hub, [bob]);
    const res = await alice.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'a holdword post', privacy: 'friends' } });
    expect(res.status).toBe(202);
    expect(res.body.post.status).toBe('held');
    const id: string = res.body.post.id;

    expect((await alice.api.call('GET /posts/:id', { params: { id } })).post.status).toBe('held');
    expect(await allPages(alice, '/feed')).toContain(id);
    expect(await allPages(alice, `/spaces/${alice.handle}/posts`)).toContain(id);
    expect((await bob.api.request('GET /posts/:id', { params: { id } })).status).toBe(404);
    expect(await allPages(bob, '/feed')).not.toContain(id);
    expect(await allPages(bob, `/spaces/${alice.handle}/posts`)).not.toContain(id);
    expect((await bob.api.request('PUT /posts/:id/like', { params: { id } })).status).toBe(404);
    await expectNoEvent(bobSocket, 'feed:post', (p) => p.post.id === id);

    const queue = await moderator.api.send('GET /moderation/queue');
    expect(queue.body.posts.map((p: { id: string }) => p.id)).toContain(id);
    expect((await moderator.api.send('POST /moderation/queue/:postId/approve', { params: { postId: id } })).status).toBe(200);
    expect((await nextEvent(bobSocket, 'feed:post', (p) => p.post.id === id)).post.status).toBe('published');
    expect((await bob.api.send('GET /posts/:id', { params: { id } })).status).toBe(200);
  });

  it('a review post answers 201 "review"; rejecting it hides it for good and tells the author', async () => {
    const alice = await registerUser(hub, 'alice');
    const res = await alice.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'a reviewword post', privacy: 'public' } });
    expect(res.status).toBe(201);
    expect(res.body.post.status).toBe('review');
    const id: string = res.body.post.id;
    expect((await apiClient(hub.url).get(`/posts/${id}`)).status).toBe(404);
    expect((await moderator.api.send('POST /moderation/queue/:postId/reject', { params: { postId: id } })).status).toBe(200);
    expect((await alice.api.request('GET /posts/:id', { params: { id } })).status).toBe(404);
    const notes = (await alice.api.call('GET /notifications')).notifications;
    expect(
      notes.some(
        (n: { kind: string; subject: { id: string; detail?: string } }) =>
          n.kind === 'moderation' && n.subject.id === id && n.subject.detail === 'rejected',
      ),
    ).toBe(true);
  });

  it('a held comment is seen by its author alone, not pushed, not counted', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const post = (await alice.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'plain', privacy: 'public' } })).post;
    const [aliceSocket] = await connectAll(hub, [alice]);
    const held = await bob.api.send('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'holdword comment' } });
    expect(held.status).toBe(202);
    expect(held.body.comment.status).toBe('held');
    expect((await bob.api.request('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'forbiddenword' } })).status).toBe(
      422,
    );
    expect((await bob.api.call('GET /posts/:id/comments', { params: { id: post.id } })).comments.map((c: { id: string }) => c.id)).toEqual([
      held.body.comment.id,
    ]);
    expect((await alice.api.call('GET /posts/:id/comments', { params: { id: post.id } })).comments).toEqual([]);
    expect((await alice.api.call('GET /posts/:id', { params: { id: post.id } })).post.counts.comments).toBe(0);
    await expectNoEvent(aliceSocket, 'post:comment');
  });
});
