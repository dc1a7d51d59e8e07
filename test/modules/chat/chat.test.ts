import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RouteBody } from '../../../shared/api-client.js';
import {
  connectSocket,
  emitAck,
  engines,
  errorOf,
  expectNoEvent,
  makeFriends,
  nextEvent,
  received,
  registerUser,
  settle,
  useTestHub,
  type TestUser,
} from '../../helpers/index.js';

type MessageBody = Omit<RouteBody<'POST /conversations/:handle/messages'>, 'clientId'>;
const send = (from: TestUser, to: TestUser, body: MessageBody) =>
  from.api.send('POST /conversations/:handle/messages', { params: { handle: to.handle }, body: { clientId: randomUUID(), ...body } });
/** The same, for a message the hub is to refuse: the answer, success or error. */
const attempt = (from: TestUser, to: TestUser, body: MessageBody) =>
  from.api.request('POST /conversations/:handle/messages', { params: { handle: to.handle }, body: { clientId: randomUUID(), ...body } });

describe.each(engines)('private messages on %s', (engine) => {
  const hub = useTestHub({ engine });

  async function friends() {
    const [alice, bob] = await Promise.all([registerUser(hub, 'alice'), registerUser(hub, 'bob')]);
    await makeFriends(alice, bob);
    return { alice, bob };
  }

  it('a message reaches every device of both people, numbered 1, 2… in its conversation', async () => {
    const { alice, bob } = await friends();
    const [alicePhone, bobPhone, bobLaptop] = await Promise.all([
      connectSocket(hub, alice.token),
      connectSocket(hub, bob.token),
      connectSocket(hub, bob.token),
    ]);
    const first = await send(alice, bob, { text: '你好 👋' });
    expect(first.status).toBe(201);
    expect(first.body.message).toMatchObject({ seq: 1, text: '你好 👋', from: { id: alice.id }, read: false, inboxSeq: 1 });
    for (const socket of [alicePhone, bobPhone, bobLaptop]) {
      const { message } = await nextEvent(socket, 'chat:message');
      expect(message).toMatchObject({ id: first.body.message.id, seq: 1, text: '你好 👋' });
    }
    const answer = await emitAck(bobPhone, 'chat:send', { to: alice.handle, text: 'hi', clientId: randomUUID() });
    expect(answer).toMatchObject({ ok: true, message: { seq: 2, from: { id: bob.id }, inboxSeq: 2 } });
    expect((await nextEvent(alicePhone, 'chat:message', (p) => p.message.seq === 2)).message.text).toBe('hi');

    const history = await alice.api.send('GET /conversations/:handle/messages', { params: { handle: bob.handle } });
    expect(history.body.messages.map((m) => m.seq)).toEqual([2, 1]);
    const older = await alice.api.send('GET /conversations/:handle/messages', {
      params: { handle: bob.handle },
      query: { before: 2, limit: 5 },
    });
    expect(older.body.messages.map((m) => m.seq)).toEqual([1]);
  });

  it('a retried send with the same clientId answers the first message and stores one', async () => {
    const { alice, bob } = await friends();
    const clientId = randomUUID();
    const [a, b] = await Promise.all([
      alice.api.send('POST /conversations/:handle/messages', { params: { handle: bob.handle }, body: { text: 'once', clientId } }),
      alice.api.send('POST /conversations/:handle/messages', { params: { handle: bob.handle }, body: { text: 'once', clientId } }),
    ]);
    const socket = await connectSocket(hub, alice.token);
    const c = await emitAck(socket, 'chat:send', { to: bob.handle, text: 'once', clientId });
    expect(a.body.message.id).toBe(b.body.message.id);
    expect(c).toMatchObject({ ok: true, message: { id: a.body.message.id, seq: 1 } });
    expect((await alice.api.call('GET /conversations/:handle/messages', { params: { handle: bob.handle } })).messages).toHaveLength(1);
  });

  it('numbers 30 concurrent messages from both sides 1..30 with no gaps', async () => {
    const { alice, bob } = await friends();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? send(alice, bob, { text: `m${i}` }) : send(bob, alice, { text: `m${i}` }))),
    );
    const all = await alice.api.send('GET /conversations/:handle/messages', { params: { handle: bob.handle }, query: { limit: 100 } });
    expect(all.body.messages.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
  });

  it('lists conversations by last message with previews and unread counts; /me has the total', async () => {
    const { alice, bob } = await friends();
    const carol = await registerUser(hub, 'carol');
    await makeFriends(alice, carol);
    await send(bob, alice, { text: 'from bob 1' });
    await send(bob, alice, { text: 'from bob 2' });
    await send(carol, alice, { text: 'from carol' });
    const list = await alice.api.send('GET /conversations');
    expect(list.status).toBe(200);
    expect(list.body.conversations.map((c: { peer: { handle: string } }) => c.peer.handle)).toEqual([carol.handle, bob.handle]);
    expect(list.body.conversations[1]).toMatchObject({ unread: 2, last: { text: 'from bob 2' } });
    expect((await alice.api.call('GET /me')).unreadMessages).toBe(3);
    const paged = await alice.api.send('GET /conversations', { query: { limit: 1 } });
    expect(paged.body.conversations).toHaveLength(1);
    const rest = await alice.api.send('GET /conversations', { query: { limit: 1, cursor: paged.body.next ?? undefined } });
    expect(rest.body.conversations[0]?.peer.handle).toBe(bob.handle);
    expect(rest.body.next).toBeNull();
  });

  it('read on one device is read on all, and the sender sees 已读', async () => {
    const { alice, bob } = await friends();
    const [bobPhone, bobLaptop, aliceSocket] = await Promise.all([
      connectSocket(hub, bob.token),
      connectSocket(hub, bob.token),
      connectSocket(hub, alice.token),
    ]);
    const sent = await send(alice, bob, { text: 'read me' });
    const read = await bob.api.send('POST /conversations/:handle/read', {
      params: { handle: alice.handle },
      body: { upTo: sent.body.message.seq },
    });
    expect(read.body).toEqual({ unread: 0 });
    for (const socket of [bobPhone, bobLaptop, aliceSocket]) {
      expect(await nextEvent(socket, 'chat:read')).toEqual({ conversationId: sent.body.message.conversationId, by: bob.id, upTo: 1 });
    }
    const seen = await alice.api.send('GET /conversations/:handle/messages', { params: { handle: bob.handle } });
    expect(seen.body.messages[0]?.read).toBe(true);
    expect((await bob.api.call('GET /me')).unreadMessages).toBe(0);
  });

  it('recall within 2 minutes by the sender removes the content, live on both sides; others may not', async () => {
    const { alice, bob } = await friends();
    const [aliceSocket, bobSocket] = await Promise.all([connectSocket(hub, alice.token), connectSocket(hub, bob.token)]);
    const sent = await send(alice, bob, { text: 'oops' });
    const id = sent.body.message.id;
    expect((await bob.api.request('POST /messages/:id/recall', { params: { id } })).status).toBe(403);
    const recalled = await alice.api.send('POST /messages/:id/recall', { params: { id } });
    expect(recalled.status).toBe(200);
    expect(recalled.body.message).toMatchObject({ id, recalled: true });
    expect(recalled.body.message.text).toBeUndefined();
    for (const socket of [aliceSocket, bobSocket]) {
      expect(await nextEvent(socket, 'chat:recall')).toEqual({ conversationId: sent.body.message.conversationId, messageId: id });
    }
    const [seen] = (await bob.api.call('GET /conversations/:handle/messages', { params: { handle: alice.handle } })).messages;
    expect(seen).toMatchObject({ id, recalled: true });
    expect(seen?.text).toBeUndefined();
    expect((await bob.api.call('GET /me')).unreadMessages).toBe(0);
    const stranger = await registerUser(hub, 'eve');
    expect((await stranger.api.request('POST /messages/:id/recall', { params: { id } })).status).toBe(404);
  });

  it('strangers, blocked users and oneself cannot be messaged; a block hides the conversation both ways', async () => {
    const { alice, bob } = await friends();
    const stranger = await registerUser(hub, 'eve');
    expect((await attempt(stranger, alice, { text: 'hi' })).status).toBe(404);
    expect((await attempt(alice, alice, { text: 'me' })).status).toBe(400);
    await send(alice, bob, { text: 'before the block' });
    expect((await alice.api.send('PUT /blocks/:handle', { params: { handle: bob.handle } })).status).toBe(204);
    for (const [a, b] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      expect((await attempt(a, b, { text: 'after' })).status).toBe(404);
      expect((await a.api.request('GET /conversations/:handle/messages', { params: { handle: b.handle } })).status).toBe(404);
      expect((await a.api.request('POST /conversations/:handle/read', { params: { handle: b.handle }, body: { upTo: 1 } })).status).toBe(
        404,
      );
      expect((await a.api.call('GET /conversations')).conversations).toEqual([]);
    }
    expect((await bob.api.call('GET /me')).unreadMessages).toBe(0);
  });

  it('keyword rules block a message without naming the keyword', async () => {
    const { alice, bob } = await friends();
    const viewer = { id: alice.id, handle: alice.handle, role: 'moderator' as const, tier: 'basic' as const };
    await hub.services.moderation.createRule(viewer, { pattern: 'forbiddenword', action: 'review' });
    // Path-based: the whole answer, as sent, must not name the keyword (a typed error keeps only code, message and fields).
    const refused = await alice.api.post(`/conversations/${bob.handle}/messages`, { clientId: randomUUID(), text: 'a FORBIDDENWORD here' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('blocked');
    expect(JSON.stringify(refused.body)).not.toMatch(/forbiddenword/i);
    expect((await alice.api.call('GET /conversations/:handle/messages', { params: { handle: bob.handle } })).messages).toEqual([]);
  });

  it('a shared post shows as the recipient may see it; photos must be the sender own', async () => {
    const { alice, bob } = await friends();
    const open = await alice.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'for friends', images: [], privacy: 'friends' } });
    const secret = await alice.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'just me', images: [], privacy: 'private' } });
    const shared = await send(alice, bob, { postId: open.body.post.id });
    expect(shared.status).toBe(201);
    expect(shared.body.message.post).toMatchObject({ id: open.body.post.id, text: 'for friends' });
    const hidden = await send(alice, bob, { postId: secret.body.post.id });
    expect(hidden.status).toBe(201);
    expect(hidden.body.message.post).toBeNull();
    const bobView = await bob.api.send('GET /conversations/:handle/messages', { params: { handle: alice.handle } });
    expect(bobView.body.messages[0]?.post).toBeNull();
    expect((await attempt(bob, alice, { postId: secret.body.post.id })).status).toBe(404);
    const notMine = await attempt(bob, alice, { photoId: 'a'.repeat(24) });
    expect(notMine.status).toBe(400);
    expect(errorOf(notMine).fields).toHaveProperty('photoId');
  });

  it('typing reaches the friend alone, at most once per 2 s, and is refused for strangers', async () => {
    const { alice, bob } = await friends();
    const stranger = await registerUser(hub, 'eve');
    const [aliceSocket, bobSocket, eveSocket] = await Promise.all([
      connectSocket(hub, alice.token),
      connectSocket(hub, bob.token),
      connectSocket(hub, stranger.token),
    ]);
    for (let i = 0; i < 5; i++) expect(await emitAck(aliceSocket, 'chat:typing', { to: bob.handle })).toEqual({ ok: true });
    expect((await nextEvent(bobSocket, 'chat:typing')).from).toBe(alice.id);
    await settle(bobSocket);
    expect(received(bobSocket, 'chat:typing')).toHaveLength(1);
    expect(await emitAck(eveSocket, 'chat:typing', { to: alice.handle })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await expectNoEvent(aliceSocket, 'chat:typing');
  });

  it('chat:sync gives exactly what was missed in every conversation, with the unread total', async () => {
    const { alice, bob } = await friends();
    const carol = await registerUser(hub, 'carol');
    await makeFriends(alice, carol);
    const first = await send(bob, alice, { text: 'seen' });
    const cursor = first.body.message.inboxSeq;
    expect(cursor).toBeDefined();
    // Alice's inbox: bob's, then her own reply, then carol's.
    await send(alice, bob, { text: 'reply' });
    await send(carol, alice, { text: 'missed' });
    const socket = await connectSocket(hub, alice.token);
    const sync = await emitAck(socket, 'chat:sync', { after: 1 });
    if (!sync.ok) throw new Error(sync.error.message);
    expect(sync.messages.map((m) => [m.inboxSeq, m.text])).toEqual([
      [2, 'reply'],
      [3, 'missed'],
    ]);
    expect(sync.unread).toBe(2);
  });

  it('deleting an account removes its messages', async () => {
    const { alice, bob } = await friends();
    await send(alice, bob, { text: 'bye' });
    await send(bob, alice, { text: 'see you' });
    expect((await alice.api.send('DELETE /me', { body: { password: 'correct horse battery' } })).status).toBe(204);
    const socket = await connectSocket(hub, bob.token);
    const sync = await emitAck(socket, 'chat:sync', { after: 0 });
    expect(sync).toMatchObject({ ok: true, messages: [], unread: 0 });
    expect((await bob.api.call('GET /conversations')).conversations).toEqual([]);
  });
});
