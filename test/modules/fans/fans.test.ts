import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAllSockets,
  connectSocket,
  emitAck,
  engines,
  expectNoEvent,
  nextEvent,
  registerUser,
  received,
  registerUsers,
  settle,
  startTestHub,
  type TestHub,
  type TestUser,
} from '../../helpers/index.js';

describe.each(engines)('certified spaces and fans (%s)', (engine) => {
  let hub: TestHub;
  let moderator: TestUser;

  beforeAll(async () => {
    hub = await startTestHub({ engine });
    moderator = await registerUser(hub, 'mod');
  });
  afterEach(() => closeAllSockets());
  afterAll(() => hub?.close());

  const certify = async (user: TestUser, certified = true) => {
    const res = await moderator.api.send('POST /spaces/:handle/certify', { params: { handle: user.handle }, body: { certified } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  it('lets moderators alone certify a space, and records it', async () => {
    const star = await registerUser(hub, 'star');
    expect(
      (await star.api.request('POST /spaces/:handle/certify', { params: { handle: star.handle }, body: { certified: true } })).status,
    ).toBe(403);
    expect((await fetch(`${hub.url}/api/spaces/${star.handle}/certify`, { method: 'POST' })).status).toBe(401);
    expect((await moderator.api.post(`/spaces/${star.handle}/certify`, { certified: 'yes' })).status).toBe(400);
    await certify(star);
    expect((await star.api.call('GET /spaces/:handle', { params: { handle: star.handle } })).space.certified).toBe(true);
    const entry = (await moderator.api.call('GET /moderation/audit', { query: { limit: 1 } })).entries[0];
    expect(entry).toMatchObject({ action: 'space.certify', target: { type: 'space', id: star.id } });
    await certify(star, false);
    expect((await star.api.call('GET /spaces/:handle', { params: { handle: star.handle } })).space.certified).toBe(false);
  });

  it('counts fans exactly; following and unfollowing are idempotent', async () => {
    const [star, plain, a, b] = await registerUsers(hub, ['star', 'plain', 'a', 'b']);
    await certify(star!);
    expect((await a!.api.request('PUT /spaces/:handle/fan', { params: { handle: plain!.handle } })).status).toBe(409);
    expect((await star!.api.put(`/spaces/${star!.handle}/fan`)).status).toBe(400);

    expect(await a!.api.call('PUT /spaces/:handle/fan', { params: { handle: star!.handle } })).toEqual({ fans: 1, fan: true });
    expect(await a!.api.call('PUT /spaces/:handle/fan', { params: { handle: star!.handle } })).toEqual({ fans: 1, fan: true });
    expect(await b!.api.call('PUT /spaces/:handle/fan', { params: { handle: star!.handle } })).toEqual({ fans: 2, fan: true });
    expect(await a!.api.call('DELETE /spaces/:handle/fan', { params: { handle: star!.handle } })).toEqual({ fans: 1, fan: false });
    expect(await a!.api.call('DELETE /spaces/:handle/fan', { params: { handle: star!.handle } })).toEqual({ fans: 1, fan: false });
    expect(await b!.api.call('GET /spaces/:handle/fan', { params: { handle: star!.handle } })).toEqual({ fans: 1, fan: true });

    const crowd = await registerUsers(
      hub,
      Array.from({ length: 12 }, () => 'fan'),
    );
    const answers = await Promise.all(
      crowd.flatMap((u) => [
        u.api.request('PUT /spaces/:handle/fan', { params: { handle: star!.handle } }),
        u.api.request('PUT /spaces/:handle/fan', { params: { handle: star!.handle } }),
      ]),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(await a!.api.call('GET /spaces/:handle/fan', { params: { handle: star!.handle } })).toEqual({ fans: 13, fan: false });
  });

  it('tells the owner and those with the space open of certification and every fan gained or lost, live', async () => {
    const [star, fan, reader] = await registerUsers(hub, ['star', 'fan', 'reader']);
    const ownerSocket = await connectSocket(hub, star!.token);
    const readerSocket = await connectSocket(hub, reader!.token);
    expect(await emitAck(readerSocket, 'guestbook:watch', { handle: star!.handle })).toEqual({ ok: true });
    const forStar = (p: { ownerId: string }) => p.ownerId === star!.id;

    const certified = [nextEvent(ownerSocket, 'space:fans', forStar), nextEvent(readerSocket, 'space:fans', forStar)];
    await certify(star!);
    for (const event of await Promise.all(certified)) expect(event).toEqual({ ownerId: star!.id, certified: true, fans: 0 });

    const gained = [
      nextEvent(ownerSocket, 'space:fans', (p) => forStar(p) && p.fans === 1),
      nextEvent(readerSocket, 'space:fans', (p) => forStar(p) && p.fans === 1),
    ];
    await fan!.api.call('PUT /spaces/:handle/fan', { params: { handle: star!.handle } });
    await Promise.all(gained);

    const lost = nextEvent(ownerSocket, 'space:fans', (p) => forStar(p) && p.fans === 0);
    await fan!.api.call('DELETE /spaces/:handle/fan', { params: { handle: star!.handle } });
    expect(await lost).toEqual({ ownerId: star!.id, certified: true, fans: 0 });
    // Taking back a like that was not there changes nothing and says nothing.
    await settle(ownerSocket);
    const told = received(ownerSocket, 'space:fans').length;
    await fan!.api.call('DELETE /spaces/:handle/fan', { params: { handle: star!.handle } });
    await settle(ownerSocket);
    expect(received(ownerSocket, 'space:fans')).toHaveLength(told);
  });

  it("pushes a certified space's public post live to its fans, not to others or for non-public posts", async () => {
    const [star, early, late, stranger] = await registerUsers(hub, ['star', 'early', 'late', 'stranger']);
    await certify(star!);
    // `early` follows before connecting (joins the room on connect); `late` follows while connected.
    await early!.api.call('PUT /spaces/:handle/fan', { params: { handle: star!.handle } });
    const earlySocket = await connectSocket(hub, early!.token);
    const lateSocket = await connectSocket(hub, late!.token);
    const strangerSocket = await connectSocket(hub, stranger!.token);
    await late!.api.call('PUT /spaces/:handle/fan', { params: { handle: star!.handle } });

    const res = await star!.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'hello, fans', privacy: 'public' } });
    expect(res.status).toBe(201);
    const id = res.body.post.id;
    await nextEvent(earlySocket, 'feed:post', (p) => p.post.id === id);
    await nextEvent(lateSocket, 'feed:post', (p) => p.post.id === id);
    await expectNoEvent(strangerSocket, 'feed:post', (p) => p.post.id === id);

    const friendsOnly = await star!.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'friends only', privacy: 'friends' } });
    await expectNoEvent(earlySocket, 'feed:post', (p) => p.post.id === friendsOnly.body.post.id);

    await late!.api.call('DELETE /spaces/:handle/fan', { params: { handle: star!.handle } });
    const after = await star!.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'second hello', privacy: 'public' } });
    await nextEvent(earlySocket, 'feed:post', (p) => p.post.id === after.body.post.id);
    await expectNoEvent(lateSocket, 'feed:post', (p) => p.post.id === after.body.post.id);
  });

  it("puts a followed certified space's public posts in the fan's feed, never its friends-only ones", async () => {
    const [star, fan, friendFan] = await registerUsers(hub, ['star', 'fan', 'friendfan']);
    await certify(star!);
    const friendReq = await friendFan!.api.send('POST /friends/requests', { body: { to: star!.handle } });
    await star!.api.call('POST /friends/requests/:id/accept', { params: { id: friendReq.body.request.id } });
    for (const u of [fan!, friendFan!])
      expect((await u.api.send('PUT /spaces/:handle/fan', { params: { handle: star!.handle } })).status).toBe(200);
    const pub = await star!.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'for everyone', privacy: 'public' } });
    const fr = await star!.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'for friends', privacy: 'friends' } });

    const fanFeed = (await fan!.api.call('GET /feed')).posts.map((p: { id: string }) => p.id);
    expect(fanFeed).toEqual([pub.body.post.id]);
    // A fan who is also a friend sees both, each once.
    const friendFeed = (await friendFan!.api.call('GET /feed')).posts.map((p: { id: string }) => p.id);
    expect(friendFeed).toEqual([fr.body.post.id, pub.body.post.id]);

    await fan!.api.call('DELETE /spaces/:handle/fan', { params: { handle: star!.handle } });
    expect((await fan!.api.call('GET /feed')).posts).toEqual([]);
  });
});
