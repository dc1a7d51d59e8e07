/**
 * Guestbook entries and comment deletions arrive live: a new entry reaches the owner and those
 * watching the guestbook (a private one only the owner and its author); a deletion reaches whoever
 * could see the entry; a deleted comment (with its replies) leaves every open copy of the post.
 */
import { describe, expect, it } from 'vitest';
import { connectSocket, emitAck, engines, expectNoEvent, makeFriends, nextEvent, registerUser, useTestHub } from '../../helpers/index.js';

describe.each(engines)('live guestbook and comment deletions on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('a public entry reaches the owner and watchers; a private one only the owner; deletions follow', async () => {
    const owner = await registerUser(hub, 'owner');
    const author = await registerUser(hub, 'author');
    const watcher = await registerUser(hub, 'watcher');
    const [ownerSocket, watcherSocket] = await Promise.all([connectSocket(hub, owner.token), connectSocket(hub, watcher.token)]);
    expect(await emitAck(watcherSocket, 'guestbook:watch', { handle: owner.handle })).toEqual({ ok: true });

    const ownerHears = nextEvent(ownerSocket, 'guestbook:entry');
    const watcherHears = nextEvent(watcherSocket, 'guestbook:entry');
    const pub = await author.api.send('POST /spaces/:handle/guestbook', {
      params: { handle: owner.handle },
      body: { text: 'hello everyone' },
    });
    expect(pub.status).toBe(201);
    expect(await ownerHears).toMatchObject({ ownerId: owner.id, entry: { id: pub.body.entry.id, text: 'hello everyone', private: false } });
    expect((await watcherHears).entry.id).toBe(pub.body.entry.id);

    const secretToOwner = nextEvent(ownerSocket, 'guestbook:entry');
    const secret = await author.api.send('POST /spaces/:handle/guestbook', {
      params: { handle: owner.handle },
      body: { text: 'just for you', private: true },
    });
    expect((await secretToOwner).entry.text).toBe('just for you');
    await expectNoEvent(watcherSocket, 'guestbook:entry', (p) => p.entry.id === secret.body.entry.id);

    // The owner deletes the private one: the watcher hears nothing of it; the public one's deletion reaches all.
    expect(
      (await owner.api.send('DELETE /spaces/:handle/guestbook/:id', { params: { handle: owner.handle, id: secret.body.entry.id } })).status,
    ).toBe(204);
    expect(await nextEvent(ownerSocket, 'guestbook:remove')).toEqual({ ownerId: owner.id, entryId: secret.body.entry.id });
    await expectNoEvent(watcherSocket, 'guestbook:remove', (p) => p.entryId === secret.body.entry.id);
    const removedForWatcher = nextEvent(watcherSocket, 'guestbook:remove');
    const removedForOwner = nextEvent(ownerSocket, 'guestbook:remove');
    expect(
      (await author.api.send('DELETE /spaces/:handle/guestbook/:id', { params: { handle: owner.handle, id: pub.body.entry.id } })).status,
    ).toBe(204);
    expect(await removedForWatcher).toEqual({ ownerId: owner.id, entryId: pub.body.entry.id });
    expect(await removedForOwner).toEqual({ ownerId: owner.id, entryId: pub.body.entry.id });

    // After unwatching, nothing more arrives.
    expect(await emitAck(watcherSocket, 'guestbook:unwatch', { handle: owner.handle })).toEqual({ ok: true });
    const later = await author.api.send('POST /spaces/:handle/guestbook', {
      params: { handle: owner.handle },
      body: { text: 'anyone there?' },
    });
    await expectNoEvent(watcherSocket, 'guestbook:entry', (p) => p.entry.id === later.body.entry.id);
  });

  it('refuses to watch a guestbook that does not exist or whose owner blocks the viewer', async () => {
    const owner = await registerUser(hub, 'blocker');
    const pest = await registerUser(hub, 'pest');
    const socket = await connectSocket(hub, pest.token);
    expect(await emitAck(socket, 'guestbook:watch', { handle: 'nobody_here' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await owner.api.send('PUT /blocks/:handle', { params: { handle: pest.handle } })).status).toBe(204);
    expect(await emitAck(socket, 'guestbook:watch', { handle: owner.handle })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a deleted comment and its replies leave every open copy of the post', async () => {
    const poet = await registerUser(hub, 'poet');
    const friend = await registerUser(hub, 'friend');
    await makeFriends(poet, friend);
    const postId: string = (await poet.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'moon', privacy: 'friends' } })).post.id;
    const top = (await friend.api.call('POST /posts/:id/comments', { params: { id: postId }, body: { text: 'bright' } })).comment.id;
    const reply = (await poet.api.call('POST /posts/:id/comments', { params: { id: postId }, body: { text: 'indeed', parentId: top } }))
      .comment.id;
    const friendSocket = await connectSocket(hub, friend.token);
    expect(await emitAck(friendSocket, 'post:watch', { postId })).toEqual({ ok: true });
    const poetSocket = await connectSocket(hub, poet.token);

    const toFriend = nextEvent(friendSocket, 'post:comment:remove');
    const toPoet = nextEvent(poetSocket, 'post:comment:remove');
    expect((await friend.api.send('DELETE /posts/:id/comments/:commentId', { params: { id: postId, commentId: top } })).status).toBe(204);
    expect(await toFriend).toEqual({ postId, commentIds: [top, reply], removed: 2 });
    expect((await toPoet).commentIds).toEqual([top, reply]);
    expect((await poet.api.call('GET /posts/:id', { params: { id: postId } })).post.counts.comments).toBe(0);
  });
});
