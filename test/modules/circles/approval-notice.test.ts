/**
 * 评论审核 and 留言审核, seen from the author: when the owner approves their waiting comment or guestbook
 * message they get an `approved` notification from the owner — stored, numbered, pushed live and listed —
 * and a rejection tells them nothing more than `approval:decided` (no notification).
 */
import { describe, expect, it } from 'vitest';
import {
  connectSocket,
  engines,
  expectNoEvent,
  makeFriends,
  nextEvent,
  registerUsers,
  useTestHub,
  type TestUser,
} from '../../helpers/index.js';
import { shuoshuo } from '../posts/post-fixtures.js';

describe.each(engines)('the approved-comment notice on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('the author of a comment the owner approves is notified live, by the owner, and finds it in their list', async () => {
    const [owner, author] = (await registerUsers(hub, ['owner', 'author'])) as [TestUser, TestUser];
    await makeFriends(owner, author);
    expect((await owner.api.send('PATCH /spaces/me', { body: { approval: { comments: true } } })).status).toBe(200);
    const post = await shuoshuo(owner, 'friends');
    const authorSocket = await connectSocket(hub, author.token);
    const before = await author.api.call('GET /notifications');

    const waiting = await author.api.send('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'lovely garden' } });
    expect(waiting.body.comment.pending).toBe(true);
    const told = nextEvent(authorSocket, 'notification', (n) => n.notification.kind === 'approved');
    expect(
      (await owner.api.send('POST /spaces/me/pending/:kind/:id/approve', { params: { kind: 'comment', id: waiting.body.comment.id } }))
        .status,
    ).toBe(200);
    const { notification } = await told;
    expect(notification).toMatchObject({
      kind: 'approved',
      actor: { handle: owner.handle },
      subject: { type: 'comment', id: waiting.body.comment.id, parentId: post.id, excerpt: 'lovely garden' },
      read: false,
    });
    expect(notification.seq).toBeGreaterThan(before.notifications.at(-1)?.seq ?? 0);
    const after = await author.api.call('GET /notifications');
    expect(after.notifications.at(-1)).toEqual(notification);
    expect(after.unread).toBe(before.unread + 1);

    // Rejected: the comment goes, and no notification comes.
    const second = await author.api.send('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'second thought' } });
    const decided = nextEvent(authorSocket, 'approval:decided', (d) => d.id === second.body.comment.id);
    expect(
      (await owner.api.send('POST /spaces/me/pending/:kind/:id/reject', { params: { kind: 'comment', id: second.body.comment.id } }))
        .status,
    ).toBe(204);
    expect((await decided).approved).toBe(false);
    await expectNoEvent(authorSocket, 'notification', (n) => n.notification.subject.id === second.body.comment.id);
  });

  it('the author of a guestbook message the owner approves is notified live, by the owner, with where it is', async () => {
    const [owner, author] = (await registerUsers(hub, ['gbowner', 'gbauthor'])) as [TestUser, TestUser];
    await makeFriends(owner, author);
    expect((await owner.api.send('PATCH /spaces/me', { body: { approval: { guestbook: true } } })).status).toBe(200);
    const authorSocket = await connectSocket(hub, author.token);
    const before = await author.api.call('GET /notifications');

    const sign = (text: string) =>
      author.api.send('POST /spaces/:handle/guestbook', { params: { handle: owner.handle }, body: { text, private: false } });
    const waiting = await sign('hello from the lake');
    expect(waiting.body.entry.pending).toBe(true);
    const told = nextEvent(authorSocket, 'notification', (n) => n.notification.kind === 'approved');
    const approve = await owner.api.send('POST /spaces/me/pending/:kind/:id/approve', {
      params: { kind: 'entry', id: waiting.body.entry.id },
    });
    expect(approve.status).toBe(200);
    const { notification } = await told;
    expect(notification).toMatchObject({
      kind: 'approved',
      actor: { handle: owner.handle },
      subject: { type: 'guestbook', id: waiting.body.entry.id, parentId: owner.handle, excerpt: 'hello from the lake' },
      read: false,
    });
    const after = await author.api.call('GET /notifications');
    expect(after.notifications.at(-1)).toEqual(notification);
    expect(after.unread).toBe(before.unread + 1);

    // Rejected: the message goes, and no notification comes.
    const second = await sign('never mind');
    const decided = nextEvent(authorSocket, 'approval:decided', (d) => d.id === second.body.entry.id);
    expect(
      (await owner.api.send('POST /spaces/me/pending/:kind/:id/reject', { params: { kind: 'entry', id: second.body.entry.id } })).status,
    ).toBe(204);
    expect((await decided).approved).toBe(false);
    await expectNoEvent(authorSocket, 'notification', (n) => n.notification.subject.id === second.body.entry.id);
  });
});
