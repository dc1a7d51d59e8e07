/**
 * Held comments (contract v1.1): listed in the moderators' queue with held posts, approved (made
 * visible, counted, pushed as `post:comment`, the author told with `approved`) or rejected (gone,
 * the author told with `moderation`). A `block` answer no longer names the keyword; the audit log does.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { connectSocket, engines, errorOf, nextEvent, registerUser, useTestHub, type TestUser } from '../../helpers/index.js';

describe.each(engines)('the comment queue on %s', (engine) => {
  const hub = useTestHub({ engine });
  let moderator: TestUser;
  const holdWord = `zqhold${randomBytes(2).toString('hex')}`;
  const blockWord = `zqblock${randomBytes(2).toString('hex')}`;

  async function setup() {
    moderator ??= await registerUser(hub, 'mod'); // the first account is a moderator
    if ((await moderator.api.call('GET /moderation/rules')).rules.length === 0) {
      await moderator.api.call('POST /moderation/rules', { body: { pattern: holdWord, action: 'hold' } });
      await moderator.api.call('POST /moderation/rules', { body: { pattern: blockWord, action: 'block' } });
    }
    const author = await registerUser(hub, 'poster');
    const commenter = await registerUser(hub, 'commenter');
    const post = (await author.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'comment on me', privacy: 'public' } })).post.id;
    return { author, commenter, post };
  }

  it('approval publishes a held comment live, counts it and tells its author', async () => {
    const { author, commenter, post } = await setup();
    const held = await commenter.api.send('POST /posts/:id/comments', { params: { id: post }, body: { text: `about ${holdWord} things` } });
    expect(held.status).toBe(202);
    expect(held.body.comment.status).toBe('held');
    expect((await author.api.call('GET /posts/:id/comments', { params: { id: post } })).comments).toEqual([]);

    const queue = await moderator.api.call('GET /moderation/queue');
    expect(queue.comments.map((c: { id: string }) => c.id)).toContain(held.body.comment.id);
    expect(Array.isArray(queue.posts)).toBe(true);
    expect(
      (await commenter.api.request('POST /moderation/queue/comments/:id/approve', { params: { id: held.body.comment.id } })).status,
    ).toBe(403);

    const authorSocket = await connectSocket(hub, author.token);
    const commenterSocket = await connectSocket(hub, commenter.token);
    const pushed = nextEvent(authorSocket, 'post:comment', (e) => e.comment.id === held.body.comment.id);
    const told = nextEvent(commenterSocket, 'notification', (n) => n.notification.kind === 'approved');
    const approved = await moderator.api.send('POST /moderation/queue/comments/:id/approve', { params: { id: held.body.comment.id } });
    expect(approved.status).toBe(200);
    expect(approved.body.comment.status).toBe('published');
    expect((await pushed).comment.text).toContain(holdWord);
    expect((await told).notification.subject).toMatchObject({ type: 'comment', id: held.body.comment.id, parentId: post });
    expect((await author.api.call('GET /posts/:id/comments', { params: { id: post } })).comments.map((c: { id: string }) => c.id)).toEqual([
      held.body.comment.id,
    ]);
    expect((await author.api.call('GET /posts/:id', { params: { id: post } })).post.counts.comments).toBe(1);
    // Approving twice: it is no longer in the queue.
    expect(
      (await moderator.api.request('POST /moderation/queue/comments/:id/approve', { params: { id: held.body.comment.id } })).status,
    ).toBe(404);
  });

  it('rejection removes a held comment and tells its author', async () => {
    const { author, commenter, post } = await setup();
    const held = await commenter.api.send('POST /posts/:id/comments', { params: { id: post }, body: { text: `more ${holdWord}` } });
    const socket = await connectSocket(hub, commenter.token);
    const told = nextEvent(socket, 'notification', (n) => n.notification.kind === 'moderation');
    const dropped = nextEvent(socket, 'post:comment:remove', (e) => e.postId === post);
    expect((await moderator.api.send('POST /moderation/queue/comments/:id/reject', { params: { id: held.body.comment.id } })).status).toBe(
      200,
    );
    expect((await told).notification.subject.detail).toBe('rejected');
    expect(await dropped).toEqual({ postId: post, commentIds: [held.body.comment.id], removed: 0 }); // off the author's open copies, never counted
    expect((await commenter.api.call('GET /posts/:id/comments', { params: { id: post } })).comments).toEqual([]);
    expect((await author.api.call('GET /posts/:id', { params: { id: post } })).post.counts.comments).toBe(0);
    const queue = await moderator.api.call('GET /moderation/queue');
    expect(queue.comments.map((c: { id: string }) => c.id)).not.toContain(held.body.comment.id);
  });

  it('a blocked text is refused without naming the keyword; the audit log names it', async () => {
    const { commenter, post } = await setup();
    for (const res of [
      await commenter.api.request('POST /posts/:id/comments', { params: { id: post }, body: { text: `say ${blockWord}` } }),
      await commenter.api.request('POST /posts', { body: { kind: 'shuoshuo', text: `say ${blockWord}`, privacy: 'public' } }),
    ]) {
      expect(res.status).toBe(422);
      expect(errorOf(res).code).toBe('blocked');
      expect(errorOf(res).message).not.toContain(blockWord);
    }
    const audit = (await moderator.api.call('GET /moderation/audit')).entries;
    expect(audit.find((e: { action: string }) => e.action === 'content.blocked')?.detail).toContain(blockWord);
  });
});
