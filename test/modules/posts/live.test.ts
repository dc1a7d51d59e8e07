/** Live pushes of posts, comments and likes: to exactly those who may see them, on both engines. */
import { describe, expect, it } from 'vitest';
import {
  connectSocket,
  emitAck,
  engines,
  expectNoEvent,
  makeFriends,
  nextEvent,
  received,
  registerUser,
  settle,
  useTestHub,
} from '../../helpers/index.js';
import { connectAll, shuoshuo } from './post-fixtures.js';

describe.each(engines)('live posts on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('a friend sees a new post live, shaped as GET shows it; a stranger does not', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const eve = await registerUser(hub, 'eve');
    await makeFriends(alice, bob);
    const [aliceSocket, bobSocket, eveSocket] = await connectAll(hub, [alice, bob, eve]);

    const post = await shuoshuo(alice, 'public', 'hello friends');
    const got = await nextEvent(bobSocket, 'feed:post', (p) => p.post.id === post.id);
    const { liked: _liked, ...shared } = post;
    expect(got.post).toEqual(shared);
    expect((await bob.api.call('GET /posts/:id', { params: { id: post.id } })).post).toEqual({ ...shared, liked: false });
    expect((await nextEvent(aliceSocket, 'feed:post', (p) => p.post.id === post.id)).post.id).toBe(post.id);
    await expectNoEvent(eveSocket, 'feed:post');
  });

  it('a private post reaches no friend; a friends-only post reaches friends only', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const eve = await registerUser(hub, 'eve');
    await makeFriends(alice, bob);
    const [aliceSocket, bobSocket, eveSocket] = await connectAll(hub, [alice, bob, eve]);

    const secret = await shuoshuo(alice, 'private', 'diary of me');
    expect((await nextEvent(aliceSocket, 'feed:post', (p) => p.post.id === secret.id)).post.privacy).toBe('private');
    const friendsOnly = await shuoshuo(alice, 'friends', 'for bob');
    await nextEvent(bobSocket, 'feed:post', (p) => p.post.id === friendsOnly.id);
    await expectNoEvent(bobSocket, 'feed:post', (p) => p.post.id === secret.id);
    await expectNoEvent(eveSocket, 'feed:post');
  });

  it('comments and likes reach the author and the post’s watchers, one copy each', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const carol = await registerUser(hub, 'carol');
    const eve = await registerUser(hub, 'eve');
    await makeFriends(alice, bob);
    const post = await shuoshuo(alice, 'public');
    const [aliceSocket, bobSocket, carolSocket, eveSocket] = await connectAll(hub, [alice, bob, carol, eve]);
    // Alice watches her own post too: she is in both rooms and must still get one copy.
    for (const s of [aliceSocket, bobSocket, carolSocket])
      expect(await emitAck(s, 'post:watch', { postId: post.id })).toEqual({ ok: true });

    const comment = (await carol.api.call('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'nice' } })).comment;
    for (const s of [aliceSocket, bobSocket, carolSocket]) {
      expect(await nextEvent(s, 'post:comment', (p) => p.postId === post.id)).toEqual({ postId: post.id, comment });
    }
    await bob.api.call('PUT /posts/:id/like', { params: { id: post.id } });
    for (const s of [aliceSocket, bobSocket, carolSocket]) {
      expect(await nextEvent(s, 'post:likes', (p) => p.postId === post.id)).toEqual({ postId: post.id, likes: 1 });
    }
    await settle(aliceSocket);
    expect(received(aliceSocket, 'post:comment').filter((p) => p.postId === post.id)).toHaveLength(1);
    expect(received(aliceSocket, 'post:likes').filter((p) => p.postId === post.id)).toHaveLength(1);
    await expectNoEvent(eveSocket, 'post:comment');
    await expectNoEvent(eveSocket, 'post:likes');

    // After unwatching, Carol hears nothing more; the author still does.
    expect(await emitAck(carolSocket, 'post:unwatch', { postId: post.id })).toEqual({ ok: true });
    await bob.api.call('DELETE /posts/:id/like', { params: { id: post.id } });
    expect((await nextEvent(aliceSocket, 'post:likes', (p) => p.likes === 0)).likes).toBe(0);
    await expectNoEvent(carolSocket, 'post:likes', (p) => p.likes === 0);
  });

  it('a watcher who stops being a friend stops hearing about friends-only posts', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    await makeFriends(alice, bob);
    const post = await shuoshuo(alice, 'friends');
    const bobSocket = await connectSocket(hub, bob.token);
    expect(await emitAck(bobSocket, 'post:watch', { postId: post.id })).toEqual({ ok: true });
    await alice.api.call('PUT /posts/:id/like', { params: { id: post.id } });
    await nextEvent(bobSocket, 'post:likes', (p) => p.postId === post.id);

    expect((await bob.api.send('DELETE /friends/:handle', { params: { handle: alice.handle } })).status).toBe(204);
    await alice.api.call('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'only for friends' } });
    await alice.api.call('DELETE /posts/:id/like', { params: { id: post.id } });
    await expectNoEvent(bobSocket, 'post:comment');
    await expectNoEvent(bobSocket, 'post:likes', (p) => p.likes === 0);
    const later = await shuoshuo(alice, 'friends');
    await expectNoEvent(bobSocket, 'feed:post', (p) => p.post.id === later.id);
  });

  it('deleting a post pushes feed:remove to those who got it, not to strangers', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const eve = await registerUser(hub, 'eve');
    await makeFriends(alice, bob);
    const [aliceSocket, bobSocket, eveSocket] = await connectAll(hub, [alice, bob, eve]);
    const post = await shuoshuo(alice, 'friends');
    await nextEvent(bobSocket, 'feed:post', (p) => p.post.id === post.id);
    expect((await alice.api.send('DELETE /posts/:id', { params: { id: post.id } })).status).toBe(204);
    expect(await nextEvent(bobSocket, 'feed:remove')).toEqual({ postId: post.id });
    expect(await nextEvent(aliceSocket, 'feed:remove')).toEqual({ postId: post.id });
    await expectNoEvent(eveSocket, 'feed:remove');

    const secret = await shuoshuo(alice, 'private');
    await alice.api.call('DELETE /posts/:id', { params: { id: secret.id } });
    expect(await nextEvent(aliceSocket, 'feed:remove', (p) => p.postId === secret.id)).toEqual({ postId: secret.id });
    await expectNoEvent(bobSocket, 'feed:remove', (p) => p.postId === secret.id);
  });
});
