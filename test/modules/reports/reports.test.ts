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
    const post = (await author.api.post('/posts', { kind: 'shuoshuo', text: 'something rude', privacy: 'public' })).body.post.id;
    const modSocket = await connectSocket(hub, moderator.token);
    const authorSocket = await connectSocket(hub, author.token);
    const told = nextEvent(modSocket, 'notification', (n) => n.notification.kind === 'report');

    const created = await reporter.api.post('/reports', { subject: { kind: 'post', id: post }, reason: 'rude words' });
    expect(created.status).toBe(201);
    expect(created.body.report).toMatchObject({ status: 'open', reason: 'rude words', subject: { kind: 'post', id: post } });
    const note = (await told).notification;
    expect(note.subject).toMatchObject({ type: 'report', id: created.body.report.id, detail: 'post' });
    expect(note.actor?.id).toBe(reporter.id);

    expect((await reporter.api.post('/reports', { subject: { kind: 'post', id: post }, reason: 'again' })).status).toBe(409);
    const second = await other.api.post('/reports', { subject: { kind: 'post', id: post }, reason: 'me too' });
    expect(second.status).toBe(201);

    expect((await reporter.api.get('/moderation/reports')).status).toBe(403);
    const open = (await moderator.api.get('/moderation/reports')).body.reports.map((r: { id: string }) => r.id);
    expect(open).toEqual(expect.arrayContaining([created.body.report.id, second.body.report.id]));

    const gone = nextEvent(authorSocket, 'feed:remove', (e) => e.postId === post);
    const resolved = await moderator.api.post(`/moderation/reports/${created.body.report.id}/resolve`, { action: 'remove' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.report.status).toBe('removed');
    await gone;
    expect((await reporter.api.get(`/posts/${post}`)).status).toBe(404);
    const still = (await moderator.api.get('/moderation/reports')).body.reports.map((r: { id: string }) => r.id);
    expect(still).not.toContain(second.body.report.id); // closed with the subject
    // A closed report can be filed again (the subject is gone now, though).
    expect((await reporter.api.post('/reports', { subject: { kind: 'post', id: post }, reason: 'again' })).status).toBe(404);
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
    const entry = (await writer.api.post(`/spaces/${owner.handle}/guestbook`, { text: 'a rude entry' })).body.entry.id;
    const report = (await reader.api.post('/reports', { subject: { kind: 'guestbook', id: entry }, reason: 'rude' })).body.report;
    const gone = nextEvent(readerSocket, 'guestbook:remove', (e) => e.entryId === entry);
    expect((await moderator.api.post(`/moderation/reports/${report.id}/resolve`, { action: 'remove' })).body.report.status).toBe('removed');
    expect(await gone).toEqual({ ownerId: owner.id, entryId: entry });
    expect((await reader.api.get(`/spaces/${owner.handle}/guestbook`)).body.entries.map((e: { id: string }) => e.id)).not.toContain(entry);

    const post = (await owner.api.post('/posts', { kind: 'shuoshuo', text: 'open', privacy: 'public' })).body.post.id;
    expect(await emitAck(readerSocket, 'post:watch', { postId: post })).toEqual({ ok: true });
    const comment = (await writer.api.post(`/posts/${post}/comments`, { text: 'a rude comment' })).body.comment.id;
    const commentReport = (await reader.api.post('/reports', { subject: { kind: 'comment', id: comment }, reason: 'rude' })).body.report;
    // The moderator's queue can link a comment to the post it is on.
    expect(commentReport.subject).toMatchObject({ kind: 'comment', id: comment, postId: post });
    const queued = (await moderator.api.get('/moderation/reports')).body.reports.find((r: { id: string }) => r.id === commentReport.id);
    expect(queued.subject).toMatchObject({ kind: 'comment', id: comment, postId: post });
    const commentGone = nextEvent(readerSocket, 'post:comment:remove', (e) => e.postId === post);
    await moderator.api.post(`/moderation/reports/${commentReport.id}/resolve`, { action: 'remove' });
    expect((await commentGone).commentIds).toContain(comment);
  });

  it('dismisses; reports on missing or hidden subjects answer not_found', async () => {
    moderator ??= await registerUser(hub, 'mod');
    const [author, reporter] = [await registerUser(hub, 'writer'), await registerUser(hub, 'snitch')];
    const hidden = (await author.api.post('/posts', { kind: 'shuoshuo', text: 'mine alone', privacy: 'private' })).body.post.id;
    for (const kind of ['post', 'comment', 'guestbook', 'user'] as const) {
      const res = await reporter.api.post('/reports', { subject: { kind, id: missing }, reason: 'x' });
      expect(res.status, kind).toBe(404);
    }
    expect((await reporter.api.post('/reports', { subject: { kind: 'post', id: hidden }, reason: 'x' })).status).toBe(404);
    expect((await reporter.api.post('/reports', { subject: { kind: 'user', id: author.id }, reason: '' })).status).toBe(400);
    const report = (await reporter.api.post('/reports', { subject: { kind: 'user', id: author.id }, reason: 'spam account' })).body.report;
    const dismissed = await moderator.api.post(`/moderation/reports/${report.id}/resolve`, { action: 'dismiss' });
    expect(dismissed.body.report.status).toBe('dismissed');
    expect((await author.api.get('/me')).status).toBe(200);
    expect((await moderator.api.post(`/moderation/reports/${report.id}/resolve`, { action: 'dismiss' })).status).toBe(404);
    // Dismissed: the same reporter may report it again.
    expect((await reporter.api.post('/reports', { subject: { kind: 'user', id: author.id }, reason: 'still spam' })).status).toBe(201);
  });
});
