/**
 * Held comments (contract v1.1): listed in the moderators' queue with held posts, approved (made
 * visible, counted, pushed as `post:comment`, the author told with `approved`) or rejected (gone,
 * the author told with `moderation`). A `block` answer no longer names the keyword; the audit log does.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { connectSocket, engines, nextEvent, registerUser, useTestHub, type TestUser } from '../../helpers/index.js';

describe.each(engines)('the comment queue on %s', (engine) => {
  const hub = useTestHub({ engine });
  let moderator: TestUser;
  const holdWord = `zqhold${randomBytes(2).toString('hex')}`;
  const blockWord = `zqblock${randomBytes(2).toString('hex')}`;

  async function setup() {
    moderator ??= await registerUser(hub, 'mod'); // the first account is a moderator
    if ((await moderator.api.get('/moderation/rules')).body.rules.length === 0) {
      await moderator.api.post('/moderation/rules', { pattern: holdWord, action: 'hold' });
      await moderator.api.post('/moderation/rules', { pattern: blockWord, action: 'block' });
    }
    const author = await registerUser(hub, 'poster');
    const commenter = await registerUser(hub, 'commenter');
    const post = (await author.api.post('/posts', { kind: 'shuoshuo', text: 'comment on me', privacy: 'public' })).body.post.id as string;
    return { author, commenter, post };
  }

  it('approval publishes a held comment live, counts it and tells its author', async () => {
    const { author, commenter, post } = await setup();
    const held = await commenter.api.post(`/posts/${post}/comments`, { text: `about ${holdWord} things` });
    expect(held.status).toBe(202);
    expect(held.body.comment.status).toBe('held');
    expect((await author.api.get(`/posts/${post}/comments`)).body.comments).toEqual([]);

    const queue = (await moderator.api.get('/moderation/queue')).body;
    expect(queue.comments.map((c: { id: string }) => c.id)).toContain(held.body.comment.id);
    expect(Array.isArray(queue.posts)).toBe(true);
    expect((await commenter.api.post(`/moderation/queue/comments/${held.body.comment.id}/approve`)).status).toBe(403);

    const authorSocket = await connectSocket(hub, author.token);
    const commenterSocket = await connectSocket(hub, commenter.token);
    const pushed = nextEvent(authorSocket, 'post:comment', (e) => e.comment.id === held.body.comment.id);
    const told = nextEvent(commenterSocket, 'notification', (n) => n.notification.kind === 'approved');
    const approved = await moderator.api.post(`/moderation/queue/comments/${held.body.comment.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.comment.status).toBe('published');
    expect((await pushed).comment.text).toContain(holdWord);
    expect((await told).notification.subject).toMatchObject({ type: 'comment', id: held.body.comment.id, parentId: post });
    expect((await author.api.get(`/posts/${post}/comments`)).body.comments.map((c: { id: string }) => c.id)).toEqual([
      held.body.comment.id,
    ]);
    expect((await author.api.get(`/posts/${post}`)).body.post.counts.comments).toBe(1);
    // Approving twice: it is no longer in the queue.
    expect((await moderator.api.post(`/moderation/queue/comments/${held.body.comment.id}/approve`)).status).toBe(404);
  });

  it('rejection removes a held comment and tells its author', async () => {
    const { author, commenter, post } = await setup();
    const held = await commenter.api.post(`/posts/${post}/comments`, { text: `more ${holdWord}` });
    const socket = await connectSocket(hub, commenter.token);
    const told = nextEvent(socket, 'notification', (n) => n.notification.kind === 'moderation');
    const dropped = nextEvent(socket, 'post:comment:remove', (e) => e.postId === post);
    expect((await moderator.api.post(`/moderation/queue/comments/${held.body.comment.id}/reject`)).status).toBe(200);
    expect((await told).notification.subject.detail).toBe('rejected');
    expect(await dropped).toEqual({ postId: post, commentIds: [held.body.comment.id], removed: 0 }); // off the author's open copies, never counted
    expect((await commenter.api.get(`/posts/${post}/comments`)).body.comments).toEqual([]);
    expect((await author.api.get(`/posts/${post}`)).body.post.counts.comments).toBe(0);
    const queue = (await moderator.api.get('/moderation/queue')).body;
    expect(queue.comments.map((c: { id: string }) => c.id)).not.toContain(held.body.comment.id);
  });

  it('a blocked text is refused without naming the keyword; the audit log names it', async () => {
    const { commenter, post } = await setup();
    for (const res of [
      await commenter.api.post(`/posts/${post}/comments`, { text: `say ${blockWord}` }),
      await commenter.api.post('/posts', { kind: 'shuoshuo', text: `say ${blockWord}`, privacy: 'public' }),
    ]) {
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('blocked');
      expect(res.body.error.message).not.toContain(blockWord);
    }
    const audit = (await moderator.api.get('/moderation/audit')).body.entries;
    expect(audit.find((e: { action: string }) => e.action === 'content.blocked')?.detail).toContain(blockWord);
  });
});
