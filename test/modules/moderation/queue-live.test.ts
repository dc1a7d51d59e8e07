/** The moderation queue is live: moderators watching it hear of each held post or comment; nobody else does. */
import { describe, expect, it } from 'vitest';
import { connectSocket, emitAck, engines, expectNoEvent, makeFriends, nextEvent, registerUser, useTestHub } from '../../helpers/index.js';

describe.each(engines)('live moderation queue on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('pushes held posts and comments to watching moderators only, and only held ones', async () => {
    const mod = await registerUser(hub, 'mod'); // the first user moderates
    const author = await registerUser(hub, 'author');
    const friend = await registerUser(hub, 'friend');
    await makeFriends(author, friend);
    expect((await mod.api.send('POST /moderation/rules', { body: { pattern: 'holdme', action: 'hold' } })).status).toBe(201);
    const [modSocket, friendSocket] = await Promise.all([connectSocket(hub, mod.token), connectSocket(hub, friend.token)]);
    expect(await emitAck(modSocket, 'moderation:watch', {})).toEqual({ ok: true });
    expect(await emitAck(friendSocket, 'moderation:watch', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const queued = nextEvent(modSocket, 'moderation:queued');
    const held = await author.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'please holdme', privacy: 'friends' } });
    expect(held.status).toBe(202);
    expect((await queued).post).toMatchObject({ id: held.body.post.id, status: 'held' });

    const fine = await author.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'all good', privacy: 'friends' } });
    await expectNoEvent(modSocket, 'moderation:queued', (p) => p.post?.id === fine.body.post.id);

    const queuedComment = nextEvent(modSocket, 'moderation:queued', (p) => !!p.comment);
    const comment = await friend.api.send('POST /posts/:id/comments', { params: { id: fine.body.post.id }, body: { text: 'holdme too' } });
    expect((await queuedComment).comment).toMatchObject({ id: comment.body.comment.id, status: 'held' });
    await expectNoEvent(friendSocket, 'moderation:queued');
  });
});
