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
    const res = await moderator.api.post(`/spaces/${user.handle}/certify`, { certified });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  it('lets moderators alone certify a space, and records it', async () => {
    const star = await registerUser(hub, 'star');
    expect((await star.api.post(`/spaces/${star.handle}/certify`, { certified: true })).status).toBe(403);
    expect((await fetch(`${hub.url}/api/spaces/${star.handle}/certify`, { method: 'POST' })).status).toBe(401);
    expect((await moderator.api.post(`/spaces/${star.handle}/certify`, { certified: 'yes' })).status).toBe(400);
    await certify(star);
    expect((await star.api.get(`/spaces/${star.handle}`)).body.space.certified).toBe(true);
    const entry = (await moderator.api.get('/moderation/audit?limit=1')).body.entries[0];
    expect(entry).toMatchObject({ action: 'space.certify', target: { type: 'space', id: star.id } });
    await certify(star, false);
    expect((await star.api.get(`/spaces/${star.handle}`)).body.space.certified).toBe(false);
  });

  it('counts fans exactly; following and unfollowing are idempotent', async () => {
    const [star, plain, a, b] = await registerUsers(hub, ['star', 'plain', 'a', 'b']);
    await certify(star!);
    expect((await a!.api.put(`/spaces/${plain!.handle}/fan`)).status).toBe(409);
    expect((await star!.api.put(`/spaces/${star!.handle}/fan`)).status).toBe(400);

    expect((await a!.api.put(`/spaces/${star!.handle}/fan`)).body).toEqual({ fans: 1, fan: true });
    expect((await a!.api.put(`/spaces/${star!.handle}/fan`)).body).toEqual({ fans: 1, fan: true });
    expect((await b!.api.put(`/spaces/${star!.handle}/fan`)).body).toEqual({ fans: 2, fan: true });
    expect((await a!.api.delete(`/spaces/${star!.handle}/fan`)).body).toEqual({ fans: 1, fan: false });
    expect((await a!.api.delete(`/spaces/${star!.handle}/fan`)).body).toEqual({ fans: 1, fan: false });
    expect((await b!.api.get(`/spaces/${star!.handle}/fan`)).body).toEqual({ fans: 1, fan: true });

    const crowd = await registerUsers(
      hub,
      Array.from({ length: 12 }, () => 'fan'),
    );
    const answers = await Promise.all(
      crowd.flatMap((u) => [u.api.put(`/spaces/${star!.handle}/fan`), u.api.put(`/spaces/${star!.handle}/fan`)]),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect((await a!.api.get(`/spaces/${star!.handle}/fan`)).body).toEqual({ fans: 13, fan: false });
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
    await fan!.api.put(`/spaces/${star!.handle}/fan`);
    await Promise.all(gained);

    const lost = nextEvent(ownerSocket, 'space:fans', (p) => forStar(p) && p.fans === 0);
    await fan!.api.delete(`/spaces/${star!.handle}/fan`);
    expect(await lost).toEqual({ ownerId: star!.id, certified: true, fans: 0 });
    // Taking back a like that was not there changes nothing and says nothing.
    await settle(ownerSocket);
    const told = received(ownerSocket, 'space:fans').length;
    await fan!.api.delete(`/spaces/${star!.handle}/fan`);
    await settle(ownerSocket);
    expect(received(ownerSocket, 'space:fans')).toHaveLength(told);
  });

  it("pushes a certified space's public post live to its fans, not to others or for non-public posts", async () => {
    const [star, early, late, stranger] = await registerUsers(hub, ['star', 'early', 'late', 'stranger']);
    await certify(star!);
    // `early` follows before connecting (joins the room on connect); `late` follows while connected.
    await early!.api.put(`/spaces/${star!.handle}/fan`);
    const earlySocket = await connectSocket(hub, early!.token);
    const lateSocket = await connectSocket(hub, late!.token);
    const strangerSocket = await connectSocket(hub, stranger!.token);
    await late!.api.put(`/spaces/${star!.handle}/fan`);

    const res = await star!.api.post('/posts', { kind: 'shuoshuo', text: 'hello, fans', privacy: 'public' });
    expect(res.status).toBe(201);
    const id = res.body.post.id as string;
    await nextEvent(earlySocket, 'feed:post', (p) => p.post.id === id);
    await nextEvent(lateSocket, 'feed:post', (p) => p.post.id === id);
    await expectNoEvent(strangerSocket, 'feed:post', (p) => p.post.id === id);

    const friendsOnly = await star!.api.post('/posts', { kind: 'shuoshuo', text: 'friends only', privacy: 'friends' });
    await expectNoEvent(earlySocket, 'feed:post', (p) => p.post.id === friendsOnly.body.post.id);

    await late!.api.delete(`/spaces/${star!.handle}/fan`);
    const after = await star!.api.post('/posts', { kind: 'shuoshuo', text: 'second hello', privacy: 'public' });
    await nextEvent(earlySocket, 'feed:post', (p) => p.post.id === after.body.post.id);
    await expectNoEvent(lateSocket, 'feed:post', (p) => p.post.id === after.body.post.id);
  });

  it("puts a followed certified space's public posts in the fan's feed, never its friends-only ones", async () => {
    const [star, fan, friendFan] = await registerUsers(hub, ['star', 'fan', 'friendfan']);
    await certify(star!);
    const friendReq = await friendFan!.api.post('/friends/requests', { to: star!.handle });
    await star!.api.post(`/friends/requests/${friendReq.body.request.id}/accept`);
    for (const u of [fan!, friendFan!]) expect((await u.api.put(`/spaces/${star!.handle}/fan`)).status).toBe(200);
    const pub = await star!.api.post('/posts', { kind: 'shuoshuo', text: 'for everyone', privacy: 'public' });
    const fr = await star!.api.post('/posts', { kind: 'shuoshuo', text: 'for friends', privacy: 'friends' });

    const fanFeed = (await fan!.api.get('/feed')).body.posts.map((p: { id: string }) => p.id);
    expect(fanFeed).toEqual([pub.body.post.id]);
    // A fan who is also a friend sees both, each once.
    const friendFeed = (await friendFan!.api.get('/feed')).body.posts.map((p: { id: string }) => p.id);
    expect(friendFeed).toEqual([fr.body.post.id, pub.body.post.id]);

    await fan!.api.delete(`/spaces/${star!.handle}/fan`);
    expect((await fan!.api.get('/feed')).body.posts).toEqual([]);
  });
});
