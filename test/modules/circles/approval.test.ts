/**
 * Owner approval (评论审核/留言审核) and guestbook replies (主人回复), v1.2: while approval is on, others'
 * new comments and entries wait, seen by their author (pending) and the owner only; approval pushes
 * them live as new; rejection removes them; keyword rules apply first; the owner's reply reaches
 * whoever sees the entry, live.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  connectSocket,
  emitAck,
  engines,
  expectNoEvent,
  makeFriends,
  nextEvent,
  registerUser,
  registerUsers,
  useTestHub,
  type TestUser,
} from '../../helpers/index.js';
import { shuoshuo } from '../posts/post-fixtures.js';

describe.each(engines)('owner approval and guestbook replies on %s', (engine) => {
  const hub = useTestHub({ engine });
  let moderator: TestUser;
  beforeAll(async () => {
    moderator = await registerUser(hub, 'mod');
  });

  it('a comment waits for the owner: seen by its author and the owner only, pushed live once approved', async () => {
    const [owner, author, reader] = (await registerUsers(hub, ['owner', 'author', 'reader'])) as [TestUser, TestUser, TestUser];
    await makeFriends(owner, author);
    const on = await owner.api.send('PATCH /spaces/me', { body: { approval: { comments: true } } });
    expect(on.body.space.approval).toEqual({ comments: true, guestbook: false });
    expect((await author.api.call('GET /spaces/:handle', { params: { handle: owner.handle } })).space.approval).toBeUndefined();
    const post = await shuoshuo(owner, 'public');
    const [ownerSocket, readerSocket] = await Promise.all([connectSocket(hub, owner.token), connectSocket(hub, reader.token)]);
    expect(await emitAck(readerSocket, 'post:watch', { postId: post.id })).toEqual({ ok: true });

    const queued = nextEvent(ownerSocket, 'approval:pending');
    const made = await author.api.send('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'nice view' } });
    expect(made.status).toBe(201);
    expect(made.body.comment.pending).toBe(true);
    expect((await queued).comment?.id).toBe(made.body.comment.id);
    await expectNoEvent(readerSocket, 'post:comment');
    const byAuthor = (await author.api.call('GET /posts/:id/comments', { params: { id: post.id } })).comments;
    expect(byAuthor).toMatchObject([{ id: made.body.comment.id, pending: true }]);
    expect((await owner.api.call('GET /posts/:id/comments', { params: { id: post.id } })).comments).toMatchObject([{ pending: true }]);
    expect((await reader.api.call('GET /posts/:id/comments', { params: { id: post.id } })).comments).toEqual([]);
    expect((await owner.api.call('GET /posts/:id', { params: { id: post.id } })).post.counts.comments).toBe(0);
    expect((await owner.api.call('GET /spaces/me/pending')).comments).toMatchObject([{ id: made.body.comment.id }]);

    // Someone else's item: not theirs to decide.
    expect(
      (await reader.api.request('POST /spaces/me/pending/:kind/:id/approve', { params: { kind: 'comment', id: made.body.comment.id } }))
        .status,
    ).toBe(404);
    expect(
      (await author.api.request('POST /spaces/me/pending/:kind/:id/approve', { params: { kind: 'comment', id: made.body.comment.id } }))
        .status,
    ).toBe(404);

    const live = nextEvent(readerSocket, 'post:comment');
    const approved = await owner.api.send('POST /spaces/me/pending/:kind/:id/approve', {
      params: { kind: 'comment', id: made.body.comment.id },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await live).comment).toMatchObject({ id: made.body.comment.id, text: 'nice view' });
    expect((await live).comment.pending).toBeUndefined();
    expect((await reader.api.call('GET /posts/:id/comments', { params: { id: post.id } })).comments).toHaveLength(1);
    expect((await owner.api.call('GET /posts/:id', { params: { id: post.id } })).post.counts.comments).toBe(1);
    expect((await owner.api.call('GET /spaces/me/pending')).comments).toEqual([]);
    expect(
      (await owner.api.request('POST /spaces/me/pending/:kind/:id/approve', { params: { kind: 'comment', id: made.body.comment.id } }))
        .status,
    ).toBe(404);

    // The owner's own comments never wait; a rejected one is gone for its author too.
    expect(
      (await owner.api.call('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'thanks' } })).comment.pending,
    ).toBeUndefined();
    const second = await author.api.send('POST /posts/:id/comments', { params: { id: post.id }, body: { text: 'again' } });
    const decided = nextEvent(ownerSocket, 'approval:decided', (p) => p.id === second.body.comment.id);
    expect(
      (await owner.api.send('POST /spaces/me/pending/:kind/:id/reject', { params: { kind: 'comment', id: second.body.comment.id } }))
        .status,
    ).toBe(204);
    expect(await decided).toEqual({ kind: 'comment', id: second.body.comment.id, approved: false });
    expect(
      (await author.api.call('GET /posts/:id/comments', { params: { id: post.id } })).comments.map((c: { text: string }) => c.text),
    ).toEqual(['nice view', 'thanks']);
  });

  it('a guestbook entry waits for the owner; keyword rules still apply first; unknown ids are not_found', async () => {
    const [owner, author, watcher] = (await registerUsers(hub, ['owner', 'author', 'watcher'])) as [TestUser, TestUser, TestUser];
    expect((await owner.api.call('PATCH /spaces/me', { body: { approval: { guestbook: true } } })).space.approval?.guestbook).toBe(true);
    const [ownerSocket, watcherSocket] = await Promise.all([connectSocket(hub, owner.token), connectSocket(hub, watcher.token)]);
    expect(await emitAck(watcherSocket, 'guestbook:watch', { handle: owner.handle })).toEqual({ ok: true });

    const queued = nextEvent(ownerSocket, 'approval:pending');
    const entry = (
      await author.api.call('POST /spaces/:handle/guestbook', { params: { handle: owner.handle }, body: { text: 'hello there' } })
    ).entry;
    expect(entry.pending).toBe(true);
    expect((await queued).entry?.id).toBe(entry.id);
    await expectNoEvent(watcherSocket, 'guestbook:entry');
    expect((await watcher.api.call('GET /spaces/:handle/guestbook', { params: { handle: owner.handle } })).entries).toEqual([]);
    expect((await author.api.call('GET /spaces/:handle/guestbook', { params: { handle: owner.handle } })).entries).toMatchObject([
      { id: entry.id, pending: true },
    ]);
    expect((await owner.api.call('GET /spaces/me/pending')).entries).toMatchObject([{ id: entry.id }]);
    // A reply waits for the entry to be approved.
    expect((await owner.api.request('PUT /spaces/me/guestbook/:id/reply', { params: { id: entry.id }, body: { text: 'hi' } })).status).toBe(
      404,
    );

    const live = nextEvent(watcherSocket, 'guestbook:entry');
    expect((await owner.api.call('POST /spaces/me/pending/:kind/:id/approve', { params: { kind: 'entry', id: entry.id } })).entry?.id).toBe(
      entry.id,
    );
    expect((await live).entry).toMatchObject({ id: entry.id, text: 'hello there' });
    expect((await watcher.api.call('GET /spaces/:handle/guestbook', { params: { handle: owner.handle } })).entries).toHaveLength(1);

    // Keyword rules first: a blocked word is refused before anything waits.
    expect((await moderator.api.send('POST /moderation/rules', { body: { pattern: 'zzqbadword', action: 'block' } })).status).toBe(201);
    expect(
      (await author.api.request('POST /spaces/:handle/guestbook', { params: { handle: owner.handle }, body: { text: 'zzqbadword' } }))
        .status,
    ).toBe(422);
    expect((await owner.api.call('GET /spaces/me/pending')).entries).toEqual([]);

    for (const kind of ['entry', 'comment'] as const)
      expect(
        (await owner.api.request('POST /spaces/me/pending/:kind/:id/reject', { params: { kind, id: 'ffffffffffffffffffffffff' } })).status,
      ).toBe(404);
    expect((await owner.api.post(`/spaces/me/pending/post/ffffffffffffffffffffffff/reject`)).status).toBe(400);
    expect((await owner.api.patch('/spaces/me', { approval: { guestbook: 'yes' } })).status).toBe(400);
  });

  it('the owner’s reply under an entry reaches whoever sees it, live; edited and removed', async () => {
    const [owner, author, watcher] = (await registerUsers(hub, ['owner', 'author', 'watcher'])) as [TestUser, TestUser, TestUser];
    const entry = (
      await author.api.call('POST /spaces/:handle/guestbook', { params: { handle: owner.handle }, body: { text: 'lovely space' } })
    ).entry;
    const secret = (
      await author.api.call('POST /spaces/:handle/guestbook', { params: { handle: owner.handle }, body: { text: 'psst', private: true } })
    ).entry;
    const [authorSocket, watcherSocket] = await Promise.all([connectSocket(hub, author.token), connectSocket(hub, watcher.token)]);
    expect(await emitAck(watcherSocket, 'guestbook:watch', { handle: owner.handle })).toEqual({ ok: true });

    const toWatcher = nextEvent(watcherSocket, 'guestbook:reply');
    const replied = await owner.api.send('PUT /spaces/me/guestbook/:id/reply', { params: { id: entry.id }, body: { text: 'thank you!' } });
    expect(replied.status).toBe(200);
    expect(replied.body.entry.reply?.text).toBe('thank you!');
    expect(await toWatcher).toMatchObject({ ownerId: owner.id, entryId: entry.id, reply: { text: 'thank you!' } });
    const edited = nextEvent(authorSocket, 'guestbook:reply', (p) => p.reply?.text === 'thanks again');
    expect(
      (await owner.api.send('PUT /spaces/me/guestbook/:id/reply', { params: { id: entry.id }, body: { text: 'thanks again' } })).status,
    ).toBe(200);
    await edited;
    expect((await watcher.api.call('GET /spaces/:handle/guestbook', { params: { handle: owner.handle } })).entries[0]?.reply?.text).toBe(
      'thanks again',
    );

    // A reply under a private entry reaches its author, never the watcher.
    const privateReply = nextEvent(authorSocket, 'guestbook:reply', (p) => p.entryId === secret.id);
    expect((await owner.api.send('PUT /spaces/me/guestbook/:id/reply', { params: { id: secret.id }, body: { text: 'shh' } })).status).toBe(
      200,
    );
    await privateReply;
    await expectNoEvent(watcherSocket, 'guestbook:reply', (p) => p.entryId === secret.id);

    const removed = nextEvent(watcherSocket, 'guestbook:reply', (p) => p.reply === null);
    expect((await owner.api.send('DELETE /spaces/me/guestbook/:id/reply', { params: { id: entry.id } })).status).toBe(204);
    expect((await removed).entryId).toBe(entry.id);

    // Only the owner replies: in anyone else's guestbook the entry is not found; bad input is refused.
    expect(
      (await author.api.request('PUT /spaces/me/guestbook/:id/reply', { params: { id: entry.id }, body: { text: 'me too' } })).status,
    ).toBe(404);
    expect(
      (await owner.api.request('PUT /spaces/me/guestbook/:id/reply', { params: { id: 'ffffffffffffffffffffffff' }, body: { text: 'x' } }))
        .status,
    ).toBe(404);
    expect((await owner.api.put(`/spaces/me/guestbook/${entry.id}/reply`, { text: '' })).status).toBe(400);
    expect((await owner.api.put(`/spaces/me/guestbook/${entry.id}/reply`, { text: 'x'.repeat(501) })).status).toBe(400);
  });
});
