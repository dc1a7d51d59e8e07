/**
 * Reposts (转载) and mentions (contract v1.1). A repost embeds its original as the reader may see it
 * — `null` for a friends-only original to a stranger, after the original turns private, or once it
 * is deleted — so the original never leaks. Mentions notify once, live, only those who may see the item.
 */
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

describe.each(engines)('reposts and mentions on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('embeds the original only as each reader may see it, now and after it changes; counts and notifies', async () => {
    const [author, friend, stranger] = [
      await registerUser(hub, 'orig'),
      await registerUser(hub, 'fan'),
      await registerUser(hub, 'outsider'),
    ];
    await makeFriends(author, friend);
    const original = (await author.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'friends only secret', privacy: 'friends' } }))
      .post.id;
    expect((await stranger.api.request('POST /posts/:id/repost', { params: { id: original }, body: { privacy: 'public' } })).status).toBe(
      404,
    );

    const authorSocket = await connectSocket(hub, author.token);
    const told = nextEvent(authorSocket, 'notification', (n) => n.notification.kind === 'repost');
    const created = await friend.api.send('POST /posts/:id/repost', {
      params: { id: original },
      body: { text: 'look at this', privacy: 'public' },
    });
    expect(created.status).toBe(201);
    expect(created.body.post).toMatchObject({
      kind: 'repost',
      text: 'look at this',
      repostOf: { id: original, text: 'friends only secret' },
    });
    expect((await told).notification.actor?.id).toBe(friend.id);
    const repost = created.body.post.id;
    expect((await author.api.call('GET /posts/:id', { params: { id: original } })).post.counts.reposts).toBe(1);

    // The stranger sees the repost (public) but not the friends-only original inside it.
    const seen = (await stranger.api.call('GET /posts/:id', { params: { id: repost } })).post;
    expect(seen.repostOf).toBeNull();
    expect(JSON.stringify(seen)).not.toContain('friends only secret');
    const listed = (await stranger.api.call('GET /spaces/:handle/posts', { params: { handle: friend.handle } })).posts.find(
      (p: { id: string }) => p.id === repost,
    );
    expect(listed?.repostOf).toBeNull();
    // A repost of the repost reposts the original, which the stranger may not see.
    expect((await stranger.api.request('POST /posts/:id/repost', { params: { id: repost }, body: { privacy: 'public' } })).status).toBe(
      404,
    );

    expect((await friend.api.call('GET /posts/:id', { params: { id: repost } })).post.repostOf?.id).toBe(original);
    await author.api.call('DELETE /posts/:id', { params: { id: original } });
    expect((await friend.api.call('GET /posts/:id', { params: { id: repost } })).post.repostOf).toBeNull();
  });

  it('pushes the original’s repost count live to its author and its watchers, up and down; nobody else', async () => {
    const [author, friend, watcher, other] = [
      await registerUser(hub, 'counted'),
      await registerUser(hub, 'reposter'),
      await registerUser(hub, 'watcher'),
      await registerUser(hub, 'bystander'),
    ];
    await makeFriends(author, friend);
    await makeFriends(author, watcher);
    const original = (await author.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'count me', privacy: 'friends' } })).post.id;
    const [authorSocket, watcherSocket, otherSocket] = await Promise.all([
      connectSocket(hub, author.token),
      connectSocket(hub, watcher.token),
      connectSocket(hub, other.token),
    ]);
    expect(await emitAck(watcherSocket, 'post:watch', { postId: original })).toEqual({ ok: true });

    const up = [authorSocket, watcherSocket].map((s) => nextEvent(s, 'post:reposts', (p) => p.postId === original));
    const repost = (await friend.api.call('POST /posts/:id/repost', { params: { id: original }, body: { privacy: 'friends' } })).post.id;
    expect(await Promise.all(up)).toEqual([
      { postId: original, reposts: 1 },
      { postId: original, reposts: 1 },
    ]);
    const down = nextEvent(watcherSocket, 'post:reposts', (p) => p.reposts === 0);
    expect((await friend.api.send('DELETE /posts/:id', { params: { id: repost } })).status).toBe(204);
    expect(await down).toEqual({ postId: original, reposts: 0 });
    await settle(otherSocket);
    expect(received(otherSocket, 'post:reposts')).toEqual([]);
  });

  it('a public original turned unavailable embeds as null; a blocked reader sees no original', async () => {
    const [author, reposter, reader] = [await registerUser(hub, 'src'), await registerUser(hub, 'rp'), await registerUser(hub, 'rd')];
    const original = (await author.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'open words', privacy: 'public' } })).post.id;
    const repost = (await reposter.api.call('POST /posts/:id/repost', { params: { id: original }, body: { privacy: 'public' } })).post.id;
    expect((await reader.api.call('GET /posts/:id', { params: { id: repost } })).post.repostOf?.text).toBe('open words');
    await author.api.call('PUT /blocks/:handle', { params: { handle: reader.handle } });
    expect((await reader.api.call('GET /posts/:id', { params: { id: repost } })).post.repostOf).toBeNull();
    expect((await reader.api.request('POST /posts/:id/repost', { params: { id: original }, body: { privacy: 'public' } })).status).toBe(
      404,
    );
  });

  it('mentions notify once, live, only users who may see the item, and DTOs carry them', async () => {
    const [author, friend, stranger, blocker] = await Promise.all(['talker', 'pal', 'far', 'nope'].map((s) => registerUser(hub, s)));
    await makeFriends(author!, friend!);
    await blocker!.api.call('PUT /blocks/:handle', { params: { handle: author!.handle } });
    const friendSocket = await connectSocket(hub, friend!.token);
    const strangerSocket = await connectSocket(hub, stranger!.token);
    const blockerSocket = await connectSocket(hub, blocker!.token);
    const mentioned = nextEvent(friendSocket, 'notification', (n) => n.notification.kind === 'mention');
    const text = `hi @${friend!.handle} and @${stranger!.handle} @${friend!.handle} @${blocker!.handle} @nobody_here_at_all`;
    const post = (await author!.api.call('POST /posts', { body: { kind: 'shuoshuo', text, privacy: 'friends' } })).post;
    expect((await mentioned).notification.subject).toMatchObject({ type: 'post', id: post.id });
    await settle(friendSocket);
    expect(received(friendSocket, 'notification').filter((n) => n.notification.kind === 'mention')).toHaveLength(1); // once, though named twice
    await expectNoEvent(strangerSocket, 'notification', (n) => n.notification.kind === 'mention');
    await expectNoEvent(blockerSocket, 'notification', (n) => n.notification.kind === 'mention');
    const dto = (await friend!.api.call('GET /posts/:id', { params: { id: post.id } })).post;
    // Users the viewer may see: the blocker blocks the author, not this reader.
    expect(dto.mentions?.map((u: { id: string }) => u.id)).toEqual([friend!.id, stranger!.id, blocker!.id]);
    const authorsView = (await author!.api.call('GET /posts/:id', { params: { id: post.id } })).post;
    expect(authorsView.mentions?.map((u: { id: string }) => u.id)).toEqual([friend!.id, stranger!.id]);

    const pub = (await author!.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'open', privacy: 'public' } })).post.id;
    const inComment = nextEvent(strangerSocket, 'notification', (n) => n.notification.kind === 'mention');
    const commented = await friend!.api.send('POST /posts/:id/comments', {
      params: { id: pub },
      body: { text: `@${stranger!.handle} look` },
    });
    expect(commented.body.comment.mentions?.map((u: { id: string }) => u.id)).toEqual([stranger!.id]); // the answer and the live copy carry them
    expect((await inComment).notification.subject).toMatchObject({ type: 'comment', parentId: pub });
    const comments = (await stranger!.api.call('GET /posts/:id/comments', { params: { id: pub } })).comments;
    expect(comments[0]?.mentions?.map((u: { id: string }) => u.id)).toEqual([stranger!.id]);
  });

  it('guestbook mentions: a public entry notifies the mentioned user, a private one only if they own the space', async () => {
    const [owner, writer, named] = [await registerUser(hub, 'host'), await registerUser(hub, 'guest'), await registerUser(hub, 'named')];
    const namedSocket = await connectSocket(hub, named.token);
    const ownerSocket = await connectSocket(hub, owner.token);
    const told = nextEvent(namedSocket, 'notification', (n) => n.notification.kind === 'mention');
    const entry = (
      await writer.api.call('POST /spaces/:handle/guestbook', {
        params: { handle: owner.handle },
        body: { text: `hello @${named.handle}` },
      })
    ).entry;
    expect((await told).notification.subject).toMatchObject({ type: 'guestbook', id: entry.id, parentId: owner.handle });
    const listed = (await named.api.call('GET /spaces/:handle/guestbook', { params: { handle: owner.handle } })).entries.find(
      (e: { id: string }) => e.id === entry.id,
    );
    expect(listed?.mentions?.map((u: { id: string }) => u.id)).toEqual([named.id]);

    const ownerTold = nextEvent(ownerSocket, 'notification', (n) => n.notification.kind === 'mention');
    await writer.api.call('POST /spaces/:handle/guestbook', {
      params: { handle: owner.handle },
      body: { text: `secret for @${named.handle} and @${owner.handle}`, private: true },
    });
    expect((await ownerTold).notification.subject.type).toBe('guestbook');
    await settle(namedSocket);
    expect(received(namedSocket, 'notification').filter((n) => n.notification.kind === 'mention')).toHaveLength(1);
  });
});
