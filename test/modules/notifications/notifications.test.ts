import { describe, expect, it } from 'vitest';
import type { NotificationDto } from '../../../shared/dto.js';
import {
  connectSocket,
  emitAck,
  engines,
  expectNoEvent,
  nextEvent,
  received,
  registerUser,
  settle,
  useTestHub,
  type TestUser,
} from '../../helpers/index.js';

const postSubject = (id: string, excerpt = 'hello') => ({ type: 'post' as const, id, excerpt });

describe.each(engines)('notifications on %s', (engine) => {
  const hub = useTestHub({ engine });

  const comment = (to: TestUser, from: TestUser, postId = 'a'.repeat(24)) =>
    hub.services.notifications.notify({ to: to.id, kind: 'comment', actorId: from.id, subject: postSubject(postId) });

  it('is stored, then pushed to its recipient alone, with the actor and the unread count', async () => {
    const [alice, bob, carol] = await Promise.all([registerUser(hub, 'alice'), registerUser(hub, 'bob'), registerUser(hub, 'carol')]);
    const [aliceSocket, bobSocket, carolSocket] = await Promise.all([
      connectSocket(hub, alice.token),
      connectSocket(hub, bob.token),
      connectSocket(hub, carol.token),
    ]);
    await comment(alice, bob);
    const pushed = await nextEvent(aliceSocket, 'notification');
    expect(pushed.unread).toBe(1);
    expect(pushed.notification).toMatchObject({ seq: 1, kind: 'comment', read: false, subject: { type: 'post' } });
    expect(pushed.notification.actor).toMatchObject({ id: bob.id, handle: bob.handle });
    const listed = await alice.api.send('GET /notifications');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ notifications: [pushed.notification], unread: 1 });
    await expectNoEvent(bobSocket, 'notification');
    await expectNoEvent(carolSocket, 'notification');
  });

  it('drops a notification of oneself and muted kinds', async () => {
    const [alice, bob] = await Promise.all([registerUser(hub, 'alice'), registerUser(hub, 'bob')]);
    const socket = await connectSocket(hub, alice.token);
    await comment(alice, alice);
    const put = await alice.api.send('PUT /notifications/settings', { body: { muted: ['like'] } });
    expect(put.body).toEqual({ muted: ['like'] });
    expect(await alice.api.call('GET /notifications/settings')).toEqual({ muted: ['like'] });
    await hub.services.notifications.notify({
      to: alice.id,
      kind: 'like',
      actorId: bob.id,
      subject: postSubject('b'.repeat(24)),
      groupKey: 'like:b',
    });
    await expectNoEvent(socket, 'notification');
    expect(await alice.api.call('GET /notifications')).toEqual({ notifications: [], unread: 0 });
    await comment(alice, bob);
    expect((await nextEvent(socket, 'notification')).notification.seq).toBe(1);
  });

  it('rejects bad settings and bad queries as invalid', async () => {
    const alice = await registerUser(hub, 'alice');
    const bad = await alice.api.put('/notifications/settings', { muted: ['spam'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid');
    expect((await alice.api.get('/notifications?after=-1')).status).toBe(400);
    expect((await alice.api.get('/notifications?limit=501')).status).toBe(400);
    expect((await alice.api.post('/notifications/read', { upTo: 'x' })).status).toBe(400);
    expect((await alice.api.get('/notifications?after=0&x=1')).status).toBe(400);
    const anonymous = await fetch(`${hub.url}/api/notifications`);
    expect(anonymous.status).toBe(401);
  });

  it('numbers 50 concurrent notifications 1..50 with no gaps, pushed in order', async () => {
    const [alice, bob] = await Promise.all([registerUser(hub, 'alice'), registerUser(hub, 'bob')]);
    const socket = await connectSocket(hub, alice.token);
    await Promise.all(Array.from({ length: 50 }, () => comment(alice, bob)));
    await settle(socket);
    const pushedSeqs = received(socket, 'notification').map((p) => p.notification.seq);
    const expected = Array.from({ length: 50 }, (_, i) => i + 1);
    expect(pushedSeqs).toEqual(expected);
    const listed = await alice.api.send('GET /notifications', { query: { limit: 500 } });
    expect(listed.body.notifications.map((n: NotificationDto) => n.seq)).toEqual(expected);
    expect(listed.body.unread).toBe(50);
    const page = await alice.api.send('GET /notifications', { query: { after: 10, limit: 5 } });
    expect(page.body.notifications.map((n: NotificationDto) => n.seq)).toEqual([11, 12, 13, 14, 15]);
  });

  it('sync answers exactly what a disconnected client missed', async () => {
    const [alice, bob] = await Promise.all([registerUser(hub, 'alice'), registerUser(hub, 'bob')]);
    let socket = await connectSocket(hub, alice.token);
    await comment(alice, bob);
    await comment(alice, bob);
    await settle(socket);
    const lastSeen = Math.max(...received(socket, 'notification').map((p) => p.notification.seq));
    socket.close();
    await comment(alice, bob);
    await comment(alice, bob);
    await comment(alice, bob);
    socket = await connectSocket(hub, alice.token);
    const sync = await emitAck(socket, 'notifications:sync', { after: lastSeen });
    expect(sync.ok).toBe(true);
    if (!sync.ok) return;
    expect(sync.notifications.map((n) => n.seq)).toEqual([3, 4, 5]);
    expect(sync.unread).toBe(5);
    const bad = await emitAck(socket, 'notifications:sync', { after: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const extra = await emitAck(socket, 'notifications:sync', { after: 0, evil: true } as unknown as { after: number });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('marking read updates every device of the reader live, and nobody else', async () => {
    const [alice, bob] = await Promise.all([registerUser(hub, 'alice'), registerUser(hub, 'bob')]);
    const phone = await connectSocket(hub, alice.token);
    const laptop = await connectSocket(hub, alice.token);
    const bobSocket = await connectSocket(hub, bob.token);
    for (let i = 0; i < 3; i++) await comment(alice, bob);
    const third = await nextEvent(laptop, 'notification', (p) => p.notification.seq === 3);
    expect(third.unread).toBe(3);
    const read = await alice.api.send('POST /notifications/read', { body: { upTo: 2 } });
    expect(read.body).toEqual({ unread: 1 });
    expect(await nextEvent(phone, 'notifications:read')).toEqual({ upTo: 2, unread: 1 });
    expect(await nextEvent(laptop, 'notifications:read')).toEqual({ upTo: 2, unread: 1 });
    await expectNoEvent(bobSocket, 'notifications:read');
    const listed = await alice.api.send('GET /notifications');
    expect(listed.body.notifications.map((n: NotificationDto) => n.read)).toEqual([true, true, false]);
    expect(listed.body.unread).toBe(1);
  });

  it('folds unread likes on one post into one, counted, with the latest liker', async () => {
    const [alice, bob, carol, dave] = await Promise.all([
      registerUser(hub, 'alice'),
      registerUser(hub, 'bob'),
      registerUser(hub, 'carol'),
      registerUser(hub, 'dave'),
    ]);
    const socket = await connectSocket(hub, alice.token);
    const postId = 'c'.repeat(24);
    const like = (from: TestUser) =>
      hub.services.notifications.notify({
        to: alice.id,
        kind: 'like',
        actorId: from.id,
        subject: postSubject(postId),
        groupKey: `like:${postId}`,
      });
    await like(bob);
    await like(carol);
    const second = await nextEvent(socket, 'notification', (p) => p.notification.seq === 2);
    expect(second.notification.subject.count).toBe(2);
    expect(second.notification.actor?.id).toBe(carol.id);
    expect(second.unread).toBe(1);
    let listed = await alice.api.send('GET /notifications');
    expect(listed.body.notifications).toHaveLength(1);
    expect(listed.body.notifications[0]).toMatchObject({ seq: 2, subject: { count: 2 } });
    // Once read, a new like starts a new group.
    await alice.api.call('POST /notifications/read', { body: { upTo: 2 } });
    await like(dave);
    listed = await alice.api.send('GET /notifications');
    expect(listed.body.notifications.map((n: NotificationDto) => [n.seq, n.subject.count, n.read])).toEqual([
      [2, 2, true],
      [3, 1, false],
    ]);
    expect(listed.body.unread).toBe(1);
  });
});
