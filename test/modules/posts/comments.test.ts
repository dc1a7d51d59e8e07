/** Comments and replies: validation, threads one level deep, exact counts, deletion rights, notifications. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationDto } from '../../../shared/dto.js';
import { apiClient, makeFriends, registerUser, startTestHub, type TestHub, type TestUser } from '../../helpers/index.js';
import { shuoshuo } from './post-fixtures.js';

async function notificationsOf(user: TestUser): Promise<NotificationDto[]> {
  const res = await user.api.send('GET /notifications');
  expect(res.status).toBe(200);
  return res.body.notifications;
}

describe('comments', () => {
  let hub: TestHub;
  let moderator: TestUser;
  beforeAll(async () => {
    hub = await startTestHub();
    moderator = await registerUser(hub, 'mod'); // the first user of a hub is a moderator
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('comments and replies list oldest first; the post counts them exactly', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const post = await shuoshuo(alice, 'public');
    const first = await bob.api.send('POST /posts/:id/comments', { params: { id: post.id }, body: { text: '  first!  ' } });
    expect(first.status).toBe(201);
    expect(first.body.comment).toMatchObject({ postId: post.id, author: { id: bob.id }, text: 'first!', parentId: null });
    const reply = await alice.api.send('POST /posts/:id/comments', {
      params: { id: post.id },
      body: { text: 'thanks', parentId: first.body.comment.id },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.comment.parentId).toBe(first.body.comment.id);
    // A reply to a reply joins the thread of the top-level comment.
    const nested = await bob.api.send('POST /posts/:id/comments', {
      params: { id: post.id },
      body: { text: 'welcome', parentId: reply.body.comment.id },
    });
    expect(nested.status).toBe(201);
    expect(nested.body.comment.parentId).toBe(first.body.comment.id);

    const list = await apiClient(hub.url).get(`/posts/${post.id}/comments`);
    expect(list.body.comments.map((c: { text: string }) => c.text)).toEqual(['first!', 'thanks', 'welcome']);
    expect((await alice.api.call('GET /posts/:id', { params: { id: post.id } })).post.counts.comments).toBe(3);
  });

  it('refuses bad comments with 400 naming the field', async () => {
    const alice = await registerUser(hub, 'alice');
    const post = await shuoshuo(alice, 'public');
    const other = await shuoshuo(alice, 'public');
    const onOther = (await alice.api.call('POST /posts/:id/comments', { params: { id: other.id }, body: { text: 'elsewhere' } })).comment
      .id;
    const cases: Array<[unknown, string]> = [
      [{ text: '' }, 'text'],
      [{ text: 'x'.repeat(1001) }, 'text'],
      [{}, 'text'],
      [{ text: 'ok', parentId: 'nope' }, 'parentId'],
      [{ text: 'ok', parentId: '0'.repeat(24) }, 'parentId'],
      [{ text: 'ok', parentId: onOther }, 'parentId'],
    ];
    for (const [body, field] of cases) {
      const res = await alice.api.post(`/posts/${post.id}/comments`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toContain(field);
    }
    expect((await alice.api.post(`/posts/${post.id}/comments`, { text: 'x', extra: 1 })).status).toBe(400);
    expect((await apiClient(hub.url).post(`/posts/${post.id}/comments`, { text: 'anon' })).status).toBe(401);
    expect((await alice.api.call('GET /posts/:id', { params: { id: post.id } })).post.counts.comments).toBe(0);
  });

  it('the post author hears of comments, the parent’s author of replies, each once, never of their own', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const carol = await registerUser(hub, 'carol');
    await makeFriends(alice, bob);
    const post = await shuoshuo(alice, 'friends');
    const bobs = (await bob.api.call('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'bob comments' } })).comment;
    await alice.api.call('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'alice replies', parentId: bobs.id } });
    const alices = (await alice.api.call('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'alice comments' } }))
      .comment;
    await bob.api.call('POST /posts/:id/comments', {
      params: { id: post.id },
      body: { text: 'bob replies to alice', parentId: alices.id },
    });

    const forAlice = await notificationsOf(alice);
    expect(forAlice.filter((n) => n.kind === 'comment').map((n) => n.subject.excerpt)).toEqual(['bob comments']);
    // Bob replied to Alice's own comment on her own post: one `reply`, not also a `comment`.
    expect(forAlice.filter((n) => n.kind === 'reply').map((n) => n.subject.excerpt)).toEqual(['bob replies to alice']);
    expect(forAlice.every((n) => n.actor?.id !== alice.id)).toBe(true);
    const forBob = await notificationsOf(bob);
    expect(forBob.filter((n) => n.kind === 'reply').map((n) => [n.actor?.id, n.subject.id, n.subject.excerpt])).toEqual([
      [alice.id, post.id, 'alice replies'],
    ]);
    expect(forBob.filter((n) => n.kind === 'comment')).toEqual([]);
    expect((await notificationsOf(carol)).filter((n) => n.kind === 'comment' || n.kind === 'reply')).toEqual([]);
  });

  it('a comment is deleted by its author, the post author or a moderator — with its replies, and the count follows', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const carol = await registerUser(hub, 'carol');
    const post = await shuoshuo(alice, 'public');
    const bobs = (await bob.api.call('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'bob' } })).comment;
    await carol.api.call('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'carol reply', parentId: bobs.id } });
    const carols = (await carol.api.call('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'carol' } })).comment;
    const alices = (await alice.api.call('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'alice' } })).comment;
    expect((await alice.api.call('GET /posts/:id', { params: { id: post.id } })).post.counts.comments).toBe(4);

    expect(
      (await carol.api.request('DELETE /posts/:id/comments/:commentId', { params: { id: post.id, commentId: alices.id } })).status,
    ).toBe(403);
    expect((await carol.api.send('DELETE /posts/:id/comments/:commentId', { params: { id: post.id, commentId: carols.id } })).status).toBe(
      204,
    );
    expect(
      (await carol.api.request('DELETE /posts/:id/comments/:commentId', { params: { id: post.id, commentId: carols.id } })).status,
    ).toBe(404);
    expect((await alice.api.send('DELETE /posts/:id/comments/:commentId', { params: { id: post.id, commentId: bobs.id } })).status).toBe(
      204,
    );
    const left = await apiClient(hub.url).get(`/posts/${post.id}/comments`);
    expect(left.body.comments.map((c: { text: string }) => c.text)).toEqual(['alice']);
    expect((await alice.api.call('GET /posts/:id', { params: { id: post.id } })).post.counts.comments).toBe(1);

    expect((await moderator.api.call('GET /me')).user.role).toBe('moderator');
    expect(
      (await moderator.api.send('DELETE /posts/:id/comments/:commentId', { params: { id: post.id, commentId: alices.id } })).status,
    ).toBe(204);
    expect((await alice.api.call('GET /posts/:id', { params: { id: post.id } })).post.counts.comments).toBe(0);
  });
});
