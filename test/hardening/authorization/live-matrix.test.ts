/**
 * The authorization matrix over sockets, on both engines: every live push reaches exactly the
 * sockets allowed to see it (positives and negatives asserted for every role), every client event
 * refuses what the caller may not touch the way a missing id is refused, and an ex-friend's watch
 * goes quiet. A client event without a row here fails the coverage check.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientEventNames, type ClientEventName } from '../../../shared/events.js';
import {
  closeAllSockets,
  connectSocket,
  emitAck,
  engines,
  expectNoEvent,
  makeFriends,
  nextEvent,
  registerUser,
  startTestHub,
  type TestHub,
  type TestSocket,
  type TestUser,
} from '../../helpers/index.js';
import { holdWord, missingId, ok, reviewWord } from '../helpers/cast.js';
import { noisePng, uploadPhoto } from '../../fixtures/images.js';

type LiveRole = 'owner' | 'friend' | 'exFriend' | 'stranger' | 'moderator';
const liveRoles: readonly LiveRole[] = ['owner', 'friend', 'exFriend', 'stranger', 'moderator'];

/** Client events each test below exercises for authorization (the coverage check reads this). */
const coveredEvents: readonly ClientEventName[] = [
  'space:enter',
  'post:watch',
  'post:unwatch',
  'album:watch',
  'album:unwatch',
  'guestbook:watch',
  'guestbook:unwatch',
  'space:watch',
  'space:unwatch',
  'moderation:watch',
  'notifications:sync',
  'game:move',
  'presence:list',
  'chat:send',
  'chat:typing',
  'chat:sync',
  'ping',
];

interface LiveCast {
  readonly users: Readonly<Record<LiveRole, TestUser>>;
  readonly sockets: Readonly<Record<LiveRole, TestSocket>>;
}

describe.each(engines)('authorization of live events on %s', (engine) => {
  let hub: TestHub;
  let moderator: TestUser;
  beforeAll(async () => {
    hub = await startTestHub({ engine });
    moderator = await registerUser(hub, 'moderator'); // the first account is a moderator
    await ok(moderator.api.post('/moderation/rules', { pattern: holdWord, action: 'hold' }), 201);
    await ok(moderator.api.post('/moderation/rules', { pattern: reviewWord, action: 'review' }), 201);
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await hub?.close();
  });

  /** A fresh owner with a friend, an ex-friend and a stranger, everyone (and the moderator) connected. */
  async function liveCast(): Promise<LiveCast> {
    const [owner, friend, exFriend, stranger] = await Promise.all(
      ['owner', 'friend', 'exfriend', 'stranger'].map((s) => registerUser(hub, s)),
    );
    await makeFriends(owner!, friend!);
    await makeFriends(owner!, exFriend!);
    await ok(owner!.api.delete(`/friends/${exFriend!.handle}`), 204);
    const users = { owner: owner!, friend: friend!, exFriend: exFriend!, stranger: stranger!, moderator };
    const sockets = {} as Record<LiveRole, TestSocket>;
    for (const role of liveRoles) sockets[role] = await connectSocket(hub, users[role].token);
    return { users, sockets };
  }

  /** Asserts `event` (matching `where`) reached exactly the `allowed` roles' sockets. */
  async function reachesExactly<E extends Parameters<typeof nextEvent>[1]>(
    c: LiveCast,
    event: E,
    where: Parameters<typeof nextEvent<E>>[2],
    allowed: readonly LiveRole[],
    label: string,
    among: readonly LiveRole[] = liveRoles,
  ): Promise<void> {
    for (const role of among) {
      if (allowed.includes(role))
        await expect(nextEvent(c.sockets[role], event, where), `${label}: ${role} gets ${event}`).resolves.toBeTruthy();
      else
        await expectNoEvent(c.sockets[role], event, where).catch((err: Error) =>
          expect.fail(`${label}: ${role} got ${event}: ${err.message}`),
        );
    }
  }

  it('covers every client event', () => {
    expect(clientEventNames.filter((e) => !coveredEvents.includes(e))).toEqual([]);
  });

  it('feed:post reaches exactly those who may see the post, for every privacy and moderation state', async () => {
    const c = await liveCast();
    const cases = [
      { text: 'public news', privacy: 'public', allowed: ['owner', 'friend'] },
      { text: 'friends news', privacy: 'friends', allowed: ['owner', 'friend'] },
      { text: 'private news', privacy: 'private', allowed: ['owner'] },
      { text: `held news ${holdWord}`, privacy: 'public', allowed: [] },
      { text: `review news ${reviewWord}`, privacy: 'public', allowed: [] },
    ] as const;
    for (const { text, privacy, allowed } of cases) {
      const made = await c.users.owner.api.post('/posts', { kind: 'shuoshuo', text, privacy });
      expect(made.status).toBeLessThan(300);
      const id = made.body.post.id as string;
      await reachesExactly(c, 'feed:post', (p) => p.post.id === id, allowed, text);
    }
  });

  it('post:comment, post:likes and post:reposts reach the author and allowed watchers; watching a hidden post is refused like a missing one', async () => {
    const c = await liveCast();
    const post = (await ok(c.users.owner.api.post('/posts', { kind: 'shuoshuo', text: 'watch me', privacy: 'friends' }), 201)).post
      .id as string;
    const missing = await emitAck(c.sockets.stranger, 'post:watch', { postId: missingId });
    expect(missing.ok).toBe(false);
    for (const role of liveRoles) {
      const answer = await emitAck(c.sockets[role], 'post:watch', { postId: post });
      if (role === 'owner' || role === 'friend') expect(answer, role).toEqual({ ok: true });
      else expect(answer, `${role} watches a friends-only post`).toEqual(missing);
    }
    const comment = (await ok(c.users.friend.api.post(`/posts/${post}/comments`, { text: 'seen' }), 201)).comment.id as string;
    await reachesExactly(c, 'post:comment', (p) => p.comment.id === comment, ['owner', 'friend'], 'comment');
    await ok(c.users.friend.api.put(`/posts/${post}/like`), 200);
    await reachesExactly(c, 'post:likes', (p) => p.postId === post && p.likes === 1, ['owner', 'friend'], 'like');
    const repost = (await ok(c.users.friend.api.post(`/posts/${post}/repost`, { privacy: 'friends' }), 201)).post.id as string;
    await reachesExactly(c, 'post:reposts', (p) => p.postId === post && p.reposts === 1, ['owner', 'friend'], 'repost');
    // A held comment is its author's alone until approved: nobody hears of it live.
    const held = await c.users.friend.api.post(`/posts/${post}/comments`, { text: `psst ${holdWord}` });
    expect(held.status).toBe(202);
    await reachesExactly(c, 'post:comment', (p) => p.comment.id === held.body.comment.id, [], 'held comment');
    // Unwatching is harmless on any id and ends the pushes.
    for (const role of liveRoles) expect(await emitAck(c.sockets[role], 'post:unwatch', { postId: post }), role).toEqual({ ok: true });
    await ok(c.users.friend.api.delete(`/posts/${post}/like`), 200);
    await reachesExactly(c, 'post:likes', (p) => p.postId === post && p.likes === 0, ['owner'], 'unlike after unwatch');
    await ok(c.users.friend.api.delete(`/posts/${repost}`), 204);
    await reachesExactly(c, 'post:reposts', (p) => p.postId === post && p.reposts === 0, ['owner'], 'repost deleted after unwatch');
  });

  it('album:watch is refused for an album one may not see, like a missing one; album:photo reaches allowed watchers alone', async () => {
    const c = await liveCast();
    const album = (await ok(c.users.owner.api.post('/albums', { title: 'friends only', privacy: 'friends' }), 201)).album.id as string;
    const missing = await emitAck(c.sockets.stranger, 'album:watch', { albumId: missingId });
    expect(missing.ok).toBe(false);
    for (const role of liveRoles) {
      const answer = await emitAck(c.sockets[role], 'album:watch', { albumId: album });
      if (role === 'owner' || role === 'friend') expect(answer, role).toEqual({ ok: true });
      else expect(answer, `${role} watches a friends-only album`).toEqual(missing);
    }
    const up = await uploadPhoto(hub.url, c.users.owner.token, album, await noisePng(24, 16, 3));
    expect(up.status).toBe(201);
    await reachesExactly(c, 'album:photo', (p) => p.albumId === album, ['owner', 'friend'], 'photo');
    for (const role of liveRoles) expect(await emitAck(c.sockets[role], 'album:unwatch', { albumId: album }), role).toEqual({ ok: true });
    await ok(c.users.owner.api.delete(`/photos/${up.body.photo.id}`), 204);
    await reachesExactly(c, 'album:photo:remove', (p) => p.albumId === album, [], 'removal after unwatch', [
      'friend',
      'exFriend',
      'stranger',
      'moderator',
    ]);
  });

  it('space:watch: a new look reaches the owner and every watcher; none after unwatch; a blocked watcher is refused like a missing space', async () => {
    const c = await liveCast();
    const missing = await emitAck(c.sockets.stranger, 'space:watch', { handle: 'nobody_here_at_all' });
    expect(missing.ok).toBe(false);
    const watchers = ['friend', 'exFriend', 'stranger', 'moderator'] as const;
    for (const role of watchers)
      expect(await emitAck(c.sockets[role], 'space:watch', { handle: c.users.owner.handle }), role).toEqual({ ok: true });
    await ok(c.users.owner.api.patch('/spaces/me', { title: 'Watched title' }), 200);
    await reachesExactly(c, 'space:updated', (p) => p.space.title === 'Watched title', liveRoles, 'new title');
    for (const role of watchers)
      expect(await emitAck(c.sockets[role], 'space:unwatch', { handle: c.users.owner.handle }), role).toEqual({ ok: true });
    await ok(c.users.owner.api.patch('/spaces/me', { title: 'Unwatched title' }), 200);
    await reachesExactly(c, 'space:updated', (p) => p.space.title === 'Unwatched title', ['owner'], 'after unwatch');
    await ok(c.users.owner.api.put(`/blocks/${c.users.stranger.handle}`), 204);
    expect(await emitAck(c.sockets.stranger, 'space:watch', { handle: c.users.owner.handle }), 'blocked').toEqual(missing);
  });

  it('guestbook:watch: a private entry reaches the owner alone, a public one every watcher; a blocked watcher is refused like a missing space', async () => {
    const c = await liveCast();
    const missing = await emitAck(c.sockets.stranger, 'guestbook:watch', { handle: 'nobody_here_at_all' });
    expect(missing.ok).toBe(false);
    for (const role of liveRoles)
      expect(await emitAck(c.sockets[role], 'guestbook:watch', { handle: c.users.owner.handle }), role).toEqual({ ok: true });
    const secret = (
      await ok(c.users.friend.api.post(`/spaces/${c.users.owner.handle}/guestbook`, { text: 'just for you', private: true }), 201)
    ).entry.id as string;
    await reachesExactly(c, 'guestbook:entry', (p) => p.entry.id === secret, ['owner', 'friend'], 'private entry', [
      'owner',
      'exFriend',
      'stranger',
      'moderator',
    ]);
    const open = (await ok(c.users.friend.api.post(`/spaces/${c.users.owner.handle}/guestbook`, { text: 'hello all' }), 201)).entry
      .id as string;
    await reachesExactly(c, 'guestbook:entry', (p) => p.entry.id === open, liveRoles, 'public entry', [
      'owner',
      'exFriend',
      'stranger',
      'moderator',
    ]);
    for (const role of liveRoles)
      expect(await emitAck(c.sockets[role], 'guestbook:unwatch', { handle: c.users.owner.handle }), role).toEqual({ ok: true });
    const after = (await ok(c.users.friend.api.post(`/spaces/${c.users.owner.handle}/guestbook`, { text: 'after unwatch' }), 201)).entry
      .id as string;
    await reachesExactly(c, 'guestbook:entry', (p) => p.entry.id === after, [], 'after unwatch', ['exFriend', 'stranger', 'moderator']);
    await ok(c.users.owner.api.put(`/blocks/${c.users.stranger.handle}`), 204);
    expect(await emitAck(c.sockets.stranger, 'guestbook:watch', { handle: c.users.owner.handle }), 'blocked').toEqual(missing);
  });

  it('moderation:watch is for moderators alone; moderation:queued reaches them alone', async () => {
    const c = await liveCast();
    for (const role of liveRoles) {
      const answer = await emitAck(c.sockets[role], 'moderation:watch', {});
      if (role === 'moderator') expect(answer, role).toEqual({ ok: true });
      else expect(answer, role).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const held = await c.users.friend.api.post('/posts', { kind: 'shuoshuo', text: `about ${holdWord}`, privacy: 'public' });
    expect(held.status).toBe(202);
    await reachesExactly(c, 'moderation:queued', (p) => p.post?.id === held.body.post.id, ['moderator'], 'held post');
  });

  it('an ex-friend’s watch stops: no comments, likes or new posts after the unfriending', async () => {
    const c = await liveCast();
    const post = (await ok(c.users.owner.api.post('/posts', { kind: 'shuoshuo', text: 'soon hidden', privacy: 'friends' }), 201)).post
      .id as string;
    expect(await emitAck(c.sockets.friend, 'post:watch', { postId: post })).toEqual({ ok: true });
    await ok(c.users.friend.api.delete(`/friends/${c.users.owner.handle}`), 204);
    await ok(c.users.owner.api.post(`/posts/${post}/comments`, { text: 'after the split' }), 201);
    await ok(c.users.owner.api.put(`/posts/${post}/like`), 200);
    const later = (await ok(c.users.owner.api.post('/posts', { kind: 'shuoshuo', text: 'later', privacy: 'friends' }), 201)).post
      .id as string;
    await nextEvent(c.sockets.owner, 'feed:post', (p) => p.post.id === later);
    await expectNoEvent(c.sockets.friend, 'post:comment');
    await expectNoEvent(c.sockets.friend, 'post:likes');
    await expectNoEvent(c.sockets.friend, 'feed:post', (p) => p.post.id === later);
    expect((await emitAck(c.sockets.friend, 'post:watch', { postId: post })).ok).toBe(false);
  });

  it('space:visitor reaches the owner alone; notification its recipient alone', async () => {
    const c = await liveCast();
    expect(await emitAck(c.sockets.stranger, 'space:enter', { handle: c.users.owner.handle })).toEqual({ ok: true });
    await reachesExactly(c, 'space:visitor', (p) => p.visitor.id === c.users.stranger.id, ['owner'], 'visit');
    const post = (await ok(c.users.owner.api.post('/posts', { kind: 'shuoshuo', text: 'say something', privacy: 'public' }), 201)).post
      .id as string;
    await ok(c.users.stranger.api.post(`/posts/${post}/comments`, { text: 'something' }), 201);
    await reachesExactly(c, 'notification', (p) => p.notification.kind === 'comment', ['owner'], 'comment notification');
    const synced = await emitAck(c.sockets.stranger, 'notifications:sync', { after: 0 });
    expect(synced.ok && synced.notifications.some((n) => n.kind === 'comment')).toBe(false);
    const own = await emitAck(c.sockets.owner, 'notifications:sync', { after: 0 });
    expect(own.ok && own.notifications.some((n) => n.kind === 'comment')).toBe(true);
  });

  it('presence reaches friends only; presence:list names friends only', async () => {
    const c = await liveCast();
    // Everyone is connected already; a second owner device is not news, so reconnect the owner fresh.
    c.sockets.owner.close();
    const listening = liveRoles.filter((r) => r !== 'owner');
    await reachesExactly(c, 'presence', (p) => p.userId === c.users.owner.id && !p.online, ['friend'], 'owner leaves', listening);
    const again = await connectSocket(hub, c.users.owner.token);
    await reachesExactly(c, 'presence', (p) => p.userId === c.users.owner.id && p.online, ['friend'], 'owner returns', listening);
    const list = await emitAck(again, 'presence:list', {});
    expect(list.ok && list.online).toEqual([c.users.friend.id]);
    for (const role of ['exFriend', 'stranger', 'moderator'] as const) {
      const theirs = await emitAck(c.sockets[role], 'presence:list', {});
      expect(theirs.ok && theirs.online.includes(c.users.owner.id), role).toBe(false);
    }
    expect((await emitAck(again, 'ping', {})).ok).toBe(true);
  });

  it('invite and game:state reach the two players alone; a move in someone else’s match is refused like a missing one', async () => {
    const c = await liveCast();
    const invite = (await ok(c.users.owner.api.post('/invites', { to: c.users.friend.handle, game: 'gomoku' }), 201)).invite.id as string;
    await reachesExactly(c, 'invite', (p) => p.invite.id === invite && p.invite.status === 'pending', ['owner', 'friend'], 'invite');
    const match = (await ok(c.users.friend.api.post(`/invites/${invite}/accept`), 200)).match.id as string;
    await reachesExactly(c, 'invite', (p) => p.invite.id === invite && p.invite.status === 'accepted', ['owner', 'friend'], 'accepted');
    const missing = await emitAck(c.sockets.stranger, 'game:move', { matchId: missingId, x: 7, y: 7 });
    expect(missing.ok).toBe(false);
    for (const role of ['exFriend', 'stranger', 'moderator'] as const) {
      expect(await emitAck(c.sockets[role], 'game:move', { matchId: match, x: 7, y: 7 }), role).toEqual(missing);
    }
    const moved = await emitAck(c.sockets.owner, 'game:move', { matchId: match, x: 7, y: 7 });
    expect(moved.ok).toBe(true);
    await reachesExactly(c, 'game:state', (p) => p.match.id === match && p.match.moves.length === 1, ['owner', 'friend'], 'move');
  });

  it('chat:message, chat:read, chat:recall and chat:typing reach the two friends alone; others are refused like a missing handle', async () => {
    const c = await liveCast();
    const { owner, friend } = c.users;
    const sent = await emitAck(c.sockets.owner, 'chat:send', { to: friend.handle, text: 'only us', clientId: randomUUID() });
    if (!sent.ok) throw new Error(sent.error.message);
    const id = sent.message.id;
    await reachesExactly(c, 'chat:message', (p) => p.message.id === id, ['owner', 'friend'], 'message');
    const missing = await emitAck(c.sockets.stranger, 'chat:send', { to: 'no_such_user_x', text: 'hi', clientId: randomUUID() });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const role of ['exFriend', 'stranger', 'moderator'] as const) {
      const refused = await emitAck(c.sockets[role], 'chat:send', { to: owner.handle, text: 'hi', clientId: randomUUID() });
      expect(refused, role).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await emitAck(c.sockets[role], 'chat:typing', { to: owner.handle }), role).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      const synced = await emitAck(c.sockets[role], 'chat:sync', { after: 0 });
      expect(synced.ok && synced.messages.some((m) => m.id === id), role).toBe(false);
    }
    expect(await emitAck(c.sockets.friend, 'chat:typing', { to: owner.handle })).toEqual({ ok: true });
    await reachesExactly(c, 'chat:typing', (p) => p.from === friend.id, ['owner'], 'typing');
    await ok(friend.api.post(`/conversations/${owner.handle}/read`, { upTo: sent.message.seq }), 200);
    await reachesExactly(c, 'chat:read', (p) => p.by === friend.id, ['owner', 'friend'], 'read');
    await ok(owner.api.post(`/messages/${id}/recall`), 200);
    await reachesExactly(c, 'chat:recall', (p) => p.messageId === id, ['owner', 'friend'], 'recall');
    const own = await emitAck(c.sockets.friend, 'chat:sync', { after: 0 });
    expect(own.ok && own.messages.map((m) => [m.id, m.recalled])).toEqual([[id, true]]);
  });
});
