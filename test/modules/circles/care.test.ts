/**
 * Special care (特别关心, v1.2): a friend's new post I may see gives me a `care` notification live,
 * once per post; a post I may not see gives me none; at most 20 cared-for friends; only friends.
 */
import { describe, expect, it } from 'vitest';
import {
  connectSocket,
  engines,
  errorOf,
  expectNoEvent,
  makeFriends,
  nextEvent,
  received,
  registerUser,
  registerUsers,
  settle,
  type TestUser,
  useTestHub,
} from '../../helpers/index.js';
import { shuoshuo } from '../posts/post-fixtures.js';

describe.each(engines)('special care on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('a mark made on one device reaches my other devices live (care:change), and nobody else', async () => {
    const [me, friend] = (await registerUsers(hub, ['marker', 'marked'])) as [TestUser, TestUser];
    await makeFriends(me, friend);
    const [phone, laptop, theirs] = await Promise.all([
      connectSocket(hub, me.token),
      connectSocket(hub, me.token),
      connectSocket(hub, friend.token),
    ]);
    const marked = Promise.all([phone, laptop].map((s) => nextEvent(s, 'care:change')));
    expect((await me.api.send('PUT /friends/:handle/care', { params: { handle: friend.handle } })).status).toBe(204);
    for (const change of await marked) expect(change).toMatchObject({ user: { id: friend.id, handle: friend.handle }, cared: true });

    const unmarked = nextEvent(laptop, 'care:change');
    expect((await me.api.send('DELETE /friends/:handle/care', { params: { handle: friend.handle } })).status).toBe(204);
    expect(await unmarked).toMatchObject({ user: { id: friend.id }, cared: false });
    // Unmarking again changes nothing and says nothing; the friend never hears of either.
    expect((await me.api.send('DELETE /friends/:handle/care', { params: { handle: friend.handle } })).status).toBe(204);
    await settle(laptop);
    expect(received(laptop, 'care:change').map((c) => c.cared)).toEqual([true, false]);
    await expectNoEvent(theirs, 'care:change');
  });

  it('a cared-for friend’s new post I may see notifies me live, once; a private one does not', async () => {
    const [me, friend, other] = (await registerUsers(hub, ['carer', 'cared', 'other'])) as [TestUser, TestUser, TestUser];
    await makeFriends(me, friend);
    await makeFriends(other, friend);
    expect((await me.api.send('PUT /friends/:handle/care', { params: { handle: friend.handle } })).status).toBe(204);
    expect((await me.api.send('PUT /friends/:handle/care', { params: { handle: friend.handle } })).status).toBe(204);
    expect((await me.api.call('GET /friends/care')).users).toMatchObject([{ id: friend.id }]);
    const [mine, others] = await Promise.all([connectSocket(hub, me.token), connectSocket(hub, other.token)]);

    const heard = nextEvent(mine, 'notification', (p) => p.notification.kind === 'care');
    const post = await shuoshuo(friend, 'friends', 'a sunny day');
    const { notification } = await heard;
    expect(notification).toMatchObject({ kind: 'care', actor: { id: friend.id }, subject: { type: 'post', id: post.id } });
    await expectNoEvent(others, 'notification', (p) => p.notification.kind === 'care');

    // A private post is not one I may see: no care notification for it.
    const secret = await shuoshuo(friend, 'private', 'my diary');
    await expectNoEvent(mine, 'notification', (p) => p.notification.kind === 'care' && p.notification.subject.id === secret.id);
    const cares = (await me.api.call('GET /notifications')).notifications.filter((n: { kind: string }) => n.kind === 'care');
    expect(cares.map((n: { subject: { id: string } }) => n.subject.id)).toEqual([post.id]);

    // Uncared: nothing more.
    expect((await me.api.send('DELETE /friends/:handle/care', { params: { handle: friend.handle } })).status).toBe(204);
    const later = await shuoshuo(friend, 'public');
    await expectNoEvent(mine, 'notification', (p) => p.notification.kind === 'care' && p.notification.subject.id === later.id);
  });

  it('a mark made after the friend has posted counts from the next post; taken back, from the next post on', async () => {
    const [me, friend] = (await registerUsers(hub, ['carer', 'cared'])) as [TestUser, TestUser];
    await makeFriends(me, friend);
    const mine = await connectSocket(hub, me.token);
    // The friend's carers are read (none yet) and remembered by this post.
    const before = await shuoshuo(friend, 'friends', 'before the mark');
    await expectNoEvent(mine, 'notification', (p) => p.notification.kind === 'care' && p.notification.subject.id === before.id);
    expect((await me.api.send('PUT /friends/:handle/care', { params: { handle: friend.handle } })).status).toBe(204);
    const heard = nextEvent(mine, 'notification', (p) => p.notification.kind === 'care');
    const after = await shuoshuo(friend, 'friends', 'after the mark');
    expect((await heard).notification).toMatchObject({ kind: 'care', subject: { type: 'post', id: after.id } });
    expect((await me.api.send('DELETE /friends/:handle/care', { params: { handle: friend.handle } })).status).toBe(204);
    const unmarked = await shuoshuo(friend, 'friends', 'after the unmark');
    await expectNoEvent(mine, 'notification', (p) => p.notification.kind === 'care' && p.notification.subject.id === unmarked.id);
  });

  it('cares for friends only, at most 20; unfriending ends it', async () => {
    const me = await registerUser(hub, 'many');
    const stranger = await registerUser(hub, 'stranger');
    expect(errorOf(await me.api.request('PUT /friends/:handle/care', { params: { handle: stranger.handle } })).code).toBe('not_found');
    expect(errorOf(await me.api.request('PUT /friends/:handle/care', { params: { handle: 'no_such_person' } })).code).toBe('not_found');
    const friends = await registerUsers(
      hub,
      Array.from({ length: 21 }, (_, i) => `f${i}`),
    );
    for (const f of friends) await makeFriends(me, f);
    for (const f of friends.slice(0, 20))
      expect((await me.api.send('PUT /friends/:handle/care', { params: { handle: f.handle } })).status).toBe(204);
    const over = await me.api.request('PUT /friends/:handle/care', { params: { handle: friends[20]!.handle } });
    expect(over.status).toBe(409);
    expect(errorOf(over).code).toBe('conflict');
    expect((await me.api.call('GET /friends/care')).users).toHaveLength(20);

    // Unfriending one frees a place; they are no longer listed.
    expect((await me.api.send('DELETE /friends/:handle', { params: { handle: friends[0]!.handle } })).status).toBe(204);
    expect((await me.api.call('GET /friends/care')).users).toHaveLength(19);
    expect((await me.api.send('PUT /friends/:handle/care', { params: { handle: friends[20]!.handle } })).status).toBe(204);
  }, 120_000);

  it('holds the limit of 20 when several friends are cared for at the same moment', async () => {
    const me = await registerUser(hub, 'eager');
    const friends = await registerUsers(
      hub,
      Array.from({ length: 24 }, (_, i) => `e${i}`),
    );
    for (const f of friends) await makeFriends(me, f);
    for (const f of friends.slice(0, 17))
      expect((await me.api.send('PUT /friends/:handle/care', { params: { handle: f.handle } })).status).toBe(204);
    // Seven at once with three places left: exactly three are taken, the other four answer conflict.
    const answers = await Promise.all(
      friends.slice(17).map((f) => me.api.request('PUT /friends/:handle/care', { params: { handle: f.handle } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([204, 204, 204, 409, 409, 409, 409]);
    expect((await me.api.call('GET /friends/care')).users).toHaveLength(20);
  }, 120_000);
});
