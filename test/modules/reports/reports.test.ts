/**
 * Reports (contract v1.1): any signed-in user reports what they can see; one open report per
 * reporter and subject; moderators are told live and resolve by dismissing or removing the subject
 * (live, as a moderator delete), which closes every open report on it.
 */
import { describe, expect, it } from 'vitest';
import { connectSocket, emitAck, engines, nextEvent, registerUser, useTestHub, type TestUser } from '../../helpers/index.js';

const missing = 'ffffffffffffffffffffffff';

describe.each(engines)('reports on %s', (engine) => {
  const hub = useTestHub({ engine });
  let moderator: TestUser;

  it('reaches moderators live, once per reporter and subject, and a removal takes the post down live', async () => {
    moderator ??= await registerUser(hub, 'mod');
    const [author, reporter, other] = [
      await registerUser(hub, 'author'),
      await registerUser(hub, 'reporter'),
      await registerUser(hub, 'other'),
    ];
    const post = (await author.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'something rude', privacy: 'public' } })).post.id;
    const modSocket = await connectSocket(hub, moderator.token);
    const authorSocket = await connectSocket(hub, author.token);
    const told = nextEvent(modSocket, 'notification', (n) => n.notification.kind === 'report');

    const created = await reporter.api.send('POST /reports', { body: { subject: { kind: 'post', id: post }, reason: 'rude words' } });
    expect(created.status).toBe(201);
    expect(created.body.report).toMatchObject({ status: 'open', reason: 'rude words', subject: { kind: 'post', id: post } });
    const note = (await told).notification;
    expect(note.subject).toMatchObject({ type: 'report', id: created.body.report.id, detail: 'post' });
    expect(note.actor?.id).toBe(reporter.id);

    expect((await reporter.api.request('POST /reports', { body: { subject: { kind: 'post', id: post }, reason: 'again' } })).status).toBe(
      409,
    );
    const second = await other.api.send('POST /reports', { body: { subject: { kind: 'post', id: post }, reason: 'me too' } });
    expect(second.status).toBe(201);

    expect((await reporter.api.request('GET /moderation/reports')).status).toBe(403);
    const open = (await moderator.api.call('GET /moderation/reports')).reports.map((r: { id: string }) => r.id);
    expect(open).toEqual(expect.arrayContaining([created.body.report.id, second.body.report.id]));

    const gone = nextEvent(authorSocket, 'feed:remove', (e) => e.postId === post);
    const resolved = await moderator.api.send('POST /moderation/reports/:id/resolve', {
      params: { id: created.body.report.id },
      body: { action: 'remove' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.report.status).toBe('removed');
    await gone;
    expect((await reporter.api.request('GET /posts/:id', { params: { id: post } })).status).toBe(404);
    const still = (await moderator.api.call('GET /moderation/reports')).reports.map((r: { id: string }) => r.id);
    expect(still).not.toContain(second.body.report.id); // closed with the subject
    // A closed report can be filed again (the subject is gone now, though).
    expect((await reporter.api.request('POST /reports', { body: { subject: { kind: 'post', id: post }, reason: 'again' } })).status).toBe(
      404,
    );
  });

  it('removing a reported guestbook entry or comment takes it down live for those watching', async () => {
    moderator ??= await registerUser(hub, 'mod');
    const [owner, writer, reader] = [
      await registerUser(hub, 'gbowner'),
      await registerUser(hub, 'gbwriter'),
      await registerUser(hub, 'gbreader'),
    ];
    const readerSocket = await connectSocket(hub, reader.token);
    expect(await emitAck(readerSocket, 'guestbook:watch', { handle: owner.handle })).toEqual({ ok: true });
    const entry = (
      await writer.api.call('POST /spaces/:handle/guestbook', { params: { handle: owner.handle }, body: { text: 'a rude entry' } })
    ).entry.id;
    const report = (await reader.api.call('POST /reports', { body: { subject: { kind: 'guestbook', id: entry }, reason: 'rude' } })).report;
    const gone = nextEvent(readerSocket, 'guestbook:remove', (e) => e.entryId === entry);
    expect(
      (await moderator.api.call('POST /moderation/reports/:id/resolve', { params: { id: report.id }, body: { action: 'remove' } })).report
        .status,
    ).toBe('removed');
    expect(await gone).toEqual({ ownerId: owner.id, entryId: entry });
    expect(
      (await reader.api.call('GET /spaces/:handle/guestbook', { params: { handle: owner.handle } })).entries.map(
        (e: { id: string }) => e.id,
      ),
    ).not.toContain(entry);

    const post = (await owner.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'open', privacy: 'public' } })).post.id;
    expect(await emitAck(readerSocket, 'post:watch', { postId: post })).toEqual({ ok: true });
    const comment = (await writer.api.call('POST /posts/:id/comments', { params: { id: post }, body: { text: 'a rude comment' } })).comment
      .id;
    const commentReport = (await reader.api.call('POST /reports', { body: { subject: { kind: 'comment', id: comment }, reason: 'rude' } }))
      .report;
    // The moderator's queue can link a comment to the post it is on.
    expect(commentReport.subject).toMatchObject({ kind: 'comment', id: comment, postId: post });
    const queued = (await moderator.api.call('GET /moderation/reports')).reports.find((r: { id: string }) => r.id === commentReport.id);
    expect(queued?.subject).toMatchObject({ kind: 'comment', id: comment, postId: post });
    const commentGone = nextEvent(readerSocket, 'post:comment:remove', (e) => e.postId === post);
    await moderator.api.call('POST /moderation/reports/:id/resolve', { params: { id: commentReport.id }, body: { action: 'remove' } });
    expect((await commentGone).commentIds).toContain(comment);
  });

  it('dismisses; reports on missing or hidden subjects answer not_found', async () => {
    moderator ??= await registerUser(hub, 'mod');
    const [author, reporter] = [await registerUser(hub, 'writer'), await registerUser(hub, 'snitch')];
    const hidden = (await author.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'mine alone', privacy: 'private' } })).post.id;
    for (const kind of ['post', 'comment', 'guestbook', 'user'] as const) {
      const res = await reporter.api.request('POST /reports', { body: { subject: { kind, id: missing }, reason: 'x' } });
      expect(res.status, kind).toBe(404);
    }
    expect((await reporter.api.request('POST /reports', { body: { subject: { kind: 'post', id: hidden }, reason: 'x' } })).status).toBe(
      404,
    );
    expect((await reporter.api.post('/reports', { subject: { kind: 'user', id: author.id }, reason: '' })).status).toBe(400);
    const report = (
      await reporter.api.call('POST /reports', { body: { subject: { kind: 'user', id: author.id }, reason: 'spam account' } })
    ).report;
    const dismissed = await moderator.api.send('POST /moderation/reports/:id/resolve', {
      params: { id: report.id },
      body: { action: 'dismiss' },
    });
    expect(dismissed.body.report.status).toBe('dismissed');
    expect((await author.api.send('GET /me')).status).toBe(200);
    expect(
      (await moderator.api.request('POST /moderation/reports/:id/resolve', { params: { id: report.id }, body: { action: 'dismiss' } }))
        .status,
    ).toBe(404);
    // Dismissed: the same reporter may report it again.
    expect(
      (await reporter.api.send('POST /reports', { body: { subject: { kind: 'user', id: author.id }, reason: 'still spam' } })).status,
    ).toBe(201);
  });
});
