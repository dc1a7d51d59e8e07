/**
 * Bad input and abuse of private messages: hostile bodies (bad-input-cases.ts), strangers, blocked
 * users, oneself, recalls of others' or old messages, read receipts for others' conversations,
 * photos that are not one's own, posts the recipient may not see, and floods of typing. The hub runs
 * on a store this test also opens, to age a message past the recall window without waiting.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';
import { messageModel } from '../../../server/modules/chat/model.js';
import { noisePng, uploadPhoto } from '../../fixtures/images.js';
import { badMessageBodies } from '../../hardening/bad-input-cases.js';
import {
  closeAllSockets,
  connectSocket,
  emitAck,
  errorOf,
  makeFriends,
  nextEvent,
  received,
  registerUser,
  settle,
  startTestHub,
  type TestHub,
  type TestUser,
} from '../../helpers/index.js';

describe('private messages refuse bad input and abuse', () => {
  let store: EmbeddedStore;
  let storeDir: string;
  let hub: TestHub;
  let conn: mongoose.Connection;

  beforeAll(async () => {
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-chat-store-'));
    store = await startEmbeddedStore({ dir: storeDir });
    hub = await startTestHub({ mongodbUri: `${store.uri}/kongjian` });
    conn = await mongoose.createConnection(`${store.uri}/kongjian`).asPromise();
  });
  afterAll(async () => {
    closeAllSockets();
    await conn?.close();
    await hub?.close();
    await store?.close();
    await fs.rm(storeDir, { recursive: true, force: true });
  });

  async function pair(): Promise<[TestUser, TestUser]> {
    const [a, b] = await Promise.all([registerUser(hub, 'alice'), registerUser(hub, 'bob')]);
    await makeFriends(a, b);
    return [a, b];
  }
  const send = (from: TestUser, to: string, body: Record<string, unknown>) =>
    from.api.post(`/conversations/${to}/messages`, { clientId: randomUUID(), ...body });

  it('refuses hostile message bodies as invalid, over REST and over the socket, storing nothing', async () => {
    const [alice, bob] = await pair();
    const socket = await connectSocket(hub, alice.token);
    for (const body of badMessageBodies) {
      const label = JSON.stringify(body).slice(0, 60);
      const res = await send(alice, bob.handle, body);
      expect(res.status, label).toBe(400);
      expect(res.body.error.code, label).toBe('invalid');
      const answer = await emitAck(socket, 'chat:send', { to: bob.handle, clientId: randomUUID(), ...body });
      expect(answer, label).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    expect((await alice.api.call('GET /conversations/:handle/messages', { params: { handle: bob.handle } })).messages).toEqual([]);
  });

  it('refuses messages to strangers, blocked users and oneself; read receipts for others’ conversations', async () => {
    const [alice, bob] = await pair();
    const [stranger, carol] = await Promise.all([registerUser(hub, 'eve'), registerUser(hub, 'carol')]);
    await makeFriends(carol, alice);
    expect((await send(stranger, alice.handle, { text: 'hi' })).status).toBe(404);
    expect((await send(alice, alice.handle, { text: 'note to self' })).status).toBe(400);
    await send(alice, bob.handle, { text: 'private' });
    // carol is alice's friend but not bob's: the alice–bob conversation is not hers to mark read.
    expect(
      (await carol.api.request('POST /conversations/:handle/read', { params: { handle: bob.handle }, body: { upTo: 1 } })).status,
    ).toBe(404);
    expect((await bob.api.send('PUT /blocks/:handle', { params: { handle: alice.handle } })).status).toBe(204);
    const blockedSend = await send(alice, bob.handle, { text: 'still there?' });
    expect(blockedSend.status).toBe(404);
    expect(blockedSend.body.error.code).toBe('not_found');
    expect((await alice.api.request('GET /conversations/:handle/messages', { params: { handle: bob.handle } })).status).toBe(404);
  });

  it('refuses recalls of others’ messages and of messages older than 2 minutes', async () => {
    const [alice, bob] = await pair();
    const sent = (await send(alice, bob.handle, { text: 'old news' })).body.message;
    expect((await bob.api.request('POST /messages/:id/recall', { params: { id: sent.id } })).status).toBe(403);
    await messageModel(conn).updateOne({ _id: new Types.ObjectId(sent.id) }, { $set: { sentAt: new Date(Date.now() - 121_000) } });
    const late = await alice.api.request('POST /messages/:id/recall', { params: { id: sent.id } });
    expect(late.status).toBe(403);
    expect(errorOf(late).code).toBe('forbidden');
    const [still] = (await bob.api.call('GET /conversations/:handle/messages', { params: { handle: alice.handle } })).messages;
    expect(still).toMatchObject({ id: sent.id, text: 'old news' });
    expect(still?.recalled).toBeUndefined();
  });

  it('a recall removes the text from the store itself', async () => {
    const [alice, bob] = await pair();
    const sent = (await send(alice, bob.handle, { text: 'delete me for real' })).body.message;
    expect((await alice.api.send('POST /messages/:id/recall', { params: { id: sent.id } })).status).toBe(200);
    const stored = await messageModel(conn).findById(sent.id).lean();
    expect(stored).toMatchObject({ recalled: true });
    expect(stored?.text).toBeUndefined();
  });

  it('a photo must be the sender’s own; a post the recipient may not see is shared as null', async () => {
    const [alice, bob] = await pair();
    const album = (await bob.api.call('POST /albums', { body: { title: 'bob', privacy: 'public' } })).album.id;
    const bobsPhoto = (await uploadPhoto(hub.url, bob.token, album, await noisePng(20, 20, 3))).body.photo.id as string;
    const notMine = await send(alice, bob.handle, { photoId: bobsPhoto });
    expect(notMine.status).toBe(400);
    const own = await send(bob, alice.handle, { photoId: bobsPhoto, text: 'look' });
    expect(own.status).toBe(201);
    expect(own.body.message.photo).toMatchObject({ id: bobsPhoto });
    const secret = (await bob.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'diary of bob', privacy: 'private' } })).post.id;
    const hidden = await send(bob, alice.handle, { postId: secret });
    expect(hidden.status).toBe(201);
    expect(hidden.body.message.post).toBeNull();
    expect(JSON.stringify(await alice.api.call('GET /conversations/:handle/messages', { params: { handle: bob.handle } }))).not.toContain(
      'diary of bob',
    );
  });

  it('a flood of typing events relays one, and the hub keeps answering', async () => {
    const [alice, bob] = await pair();
    const [aliceSocket, bobSocket] = await Promise.all([connectSocket(hub, alice.token), connectSocket(hub, bob.token)]);
    await Promise.allSettled(Array.from({ length: 100 }, () => emitAck(aliceSocket, 'chat:typing', { to: bob.handle }, 3000)));
    await nextEvent(bobSocket, 'chat:typing');
    await settle(bobSocket);
    expect(received(bobSocket, 'chat:typing')).toHaveLength(1);
    expect((await emitAck(bobSocket, 'ping', {})).ok).toBe(true);
    expect((await send(bob, alice.handle, { text: 'still here' })).status).toBe(201);
  });
});
