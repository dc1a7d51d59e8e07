/** Ending a friendship ends access at once: friends-only reads, and live pushes already subscribed. */
import { describe, expect, it } from 'vitest';
import {
  connectSocket,
  emitAck,
  engines,
  errorOf,
  expectNoEvent,
  makeFriends,
  nextEvent,
  registerUser,
  useTestHub,
} from '../../helpers/index.js';

describe.each(engines)('unfriending on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('an ex-friend loses a friends-only post, its live comments, and the right to watch it again', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    await makeFriends(alice, bob);
    const created = await alice.api.send('POST /posts', {
      body: { kind: 'diary', title: 'secret', text: '<p>for friends only</p>', privacy: 'friends' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const postId: string = created.body.post.id;

    const bobSocket = await connectSocket(hub, bob.token);
    expect(await emitAck(bobSocket, 'post:watch', { postId })).toEqual({ ok: true });
    await alice.api.call('POST /posts/:id/comments', { params: { id: postId }, body: { text: 'while friends' } });
    expect((await nextEvent(bobSocket, 'post:comment')).comment.text).toBe('while friends');
    expect((await bob.api.send('GET /posts/:id', { params: { id: postId } })).status).toBe(200);

    expect((await alice.api.send('DELETE /friends/:handle', { params: { handle: bob.handle } })).status).toBe(204);

    const read = await bob.api.request('GET /posts/:id', { params: { id: postId } });
    expect(read.status).toBe(404);
    expect(errorOf(read).code).toBe('not_found');
    const listed = await bob.api.send('GET /spaces/:handle/posts', { params: { handle: alice.handle } });
    expect(listed.body.posts.map((p: { id: string }) => p.id)).not.toContain(postId);

    await alice.api.call('POST /posts/:id/comments', { params: { id: postId }, body: { text: 'after the split' } });
    await expectNoEvent(bobSocket, 'post:comment', (p) => p.comment.text === 'after the split');
    expect(await emitAck(bobSocket, 'post:watch', { postId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('the one who unfriends loses the other’s friends-only posts too', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    await makeFriends(alice, bob);
    const postId: string = (
      await bob.api.call('POST /posts', { body: { kind: 'diary', title: 'bob', text: '<p>bob for friends</p>', privacy: 'friends' } })
    ).post.id;
    const aliceSocket = await connectSocket(hub, alice.token);
    expect(await emitAck(aliceSocket, 'post:watch', { postId })).toEqual({ ok: true });

    expect((await alice.api.send('DELETE /friends/:handle', { params: { handle: bob.handle } })).status).toBe(204);

    expect((await alice.api.request('GET /posts/:id', { params: { id: postId } })).status).toBe(404);
    await bob.api.call('POST /posts/:id/comments', { params: { id: postId }, body: { text: 'gone' } });
    await expectNoEvent(aliceSocket, 'post:comment', (p) => p.postId === postId);
  });
  it('unfriended while their socket connects (between its read of friends and its join), an ex-friend gets no friends-only post', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    await makeFriends(alice, bob);
    // The unfriending lands after bob's connecting socket read its friends and before it joined their rooms.
    const friends = hub.services.friends;
    const read = friends.friendIdList.bind(friends);
    let raced = false;
    friends.friendIdList = async (userId) => {
      const ids = await read(userId);
      if (userId === bob.id && !raced) {
        raced = true;
        expect((await alice.api.send('DELETE /friends/:handle', { params: { handle: bob.handle } })).status).toBe(204);
      }
      return ids;
    };
    try {
      const bobSocket = await connectSocket(hub, bob.token);
      expect(raced).toBe(true);
      const created = await alice.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'friends only', privacy: 'friends' } });
      expect(created.status).toBe(201);
      await expectNoEvent(bobSocket, 'feed:post', (p) => p.post.id === created.body.post.id);
    } finally {
      friends.friendIdList = read;
    }
  });
});
