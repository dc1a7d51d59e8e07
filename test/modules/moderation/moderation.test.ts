import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAllSockets,
  connectSocket,
  engines,
  expectNoEvent,
  makeFriends,
  nextEvent,
  registerUser,
  startTestHub,
  type TestHub,
  type TestUser,
} from '../../helpers/index.js';

/** A keyword no other test uses (rules are hub-wide). */
const keyword = (stem: string) => `${stem}${randomBytes(3).toString('hex')}`;

describe.each(engines)('moderation (%s)', (engine) => {
  let hub: TestHub;
  let moderator: TestUser;

  beforeAll(async () => {
    hub = await startTestHub({ engine });
    moderator = await registerUser(hub, 'mod'); // the first registered user is a moderator
  });
  afterEach(() => closeAllSockets());
  afterAll(() => hub?.close());

  const addRule = async (pattern: string, action: 'block' | 'hold' | 'review') => {
    const res = await moderator.api.post('/moderation/rules', { pattern, action });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.rule as { id: string; pattern: string; action: string };
  };
  const post = (user: TestUser, text: string, privacy = 'friends') => user.api.post('/posts', { kind: 'shuoshuo', text, privacy });
  const queueIds = async () => ((await moderator.api.get('/moderation/queue')).body.posts as Array<{ id: string }>).map((p) => p.id);

  it('lets moderators manage rules; others get 403, anonymous callers 401', async () => {
    const user = await registerUser(hub, 'user');
    const word = keyword('spam');
    const rule = await addRule(word, 'review');
    expect(rule).toMatchObject({ pattern: word, action: 'review' });
    expect((await moderator.api.get('/moderation/rules')).body.rules).toContainEqual(expect.objectContaining({ id: rule.id }));
    // The same keyword in another case and width is the same rule.
    const dup = await moderator.api.post('/moderation/rules', { pattern: word.toUpperCase(), action: 'block' });
    expect(dup.status).toBe(409);
    expect((await moderator.api.post('/moderation/rules', { pattern: 'x', action: 'ban' })).status).toBe(400);
    expect((await moderator.api.post('/moderation/rules', { pattern: 'x'.repeat(101), action: 'hold' })).status).toBe(400);

    expect((await user.api.post('/moderation/rules', { pattern: 'nope', action: 'block' })).status).toBe(403);
    expect((await user.api.get('/moderation/rules')).status).toBe(403);
    expect((await user.api.delete(`/moderation/rules/${rule.id}`)).status).toBe(403);
    expect((await user.api.get('/moderation/queue')).status).toBe(403);
    expect((await user.api.get('/moderation/audit')).status).toBe(403);
    const anonymous = await fetch(`${hub.url}/api/moderation/queue`);
    expect(anonymous.status).toBe(401);

    expect((await moderator.api.delete(`/moderation/rules/${rule.id}`)).status).toBe(204);
    expect((await moderator.api.delete(`/moderation/rules/${rule.id}`)).status).toBe(404);
    const published = await post(user, `now ${word} is fine`);
    expect(published.status).toBe(201);
    expect(published.body.post.status).toBe('published');

    const audit = (await moderator.api.get('/moderation/audit?limit=2')).body.entries;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['rule.delete', 'rule.create']);
    expect(audit[0]).toMatchObject({ actor: { id: moderator.id, handle: moderator.handle }, target: { type: 'rule', id: rule.id } });
  });

  it('block: 422 and nothing stored', async () => {
    const alice = await registerUser(hub, 'alice');
    const word = keyword('casino');
    await addRule(word, 'block');
    const res = await post(alice, `visit my ${word} tonight`, 'public');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('blocked');
    expect((await alice.api.get(`/spaces/${alice.handle}/posts`)).body.posts).toEqual([]);
  });

  it('normalises full-width, case, traditional characters and zero-width splits before matching', async () => {
    const alice = await registerUser(hub, 'alice');
    const latin = keyword('casino');
    await addRule(latin, 'block');
    const fullWidth = [...latin.toUpperCase()].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect((await post(alice, `ａ ${fullWidth} ｂ`)).status).toBe(422);
    expect((await post(alice, `x ${latin.slice(0, 3)}\u200b${latin.slice(3)} y`)).status).toBe(422);

    const han = `赌博${randomBytes(2).toString('hex')}`;
    await addRule(han, 'hold');
    const traditional = await post(alice, `線上 賭\u200c博${han.slice(2)} 網站`);
    expect(traditional.status).toBe(202);
    expect(traditional.body.post.status).toBe('held');
  });

  it('hold: 202, seen by its author alone and queued; approval pushes it live to a friend', async () => {
    const alice = await registerUser(hub, 'alice');
    const friend = await registerUser(hub, 'friend');
    await makeFriends(alice, friend);
    const word = keyword('hold');
    await addRule(word, 'hold');
    const socket = await connectSocket(hub, friend.token);

    const res = await post(alice, `about ${word}`);
    expect(res.status).toBe(202);
    const id = res.body.post.id as string;
    expect(res.body.post.status).toBe('held');
    expect((await alice.api.get(`/posts/${id}`)).status).toBe(200);
    expect((await friend.api.get(`/posts/${id}`)).status).toBe(404);
    expect(await queueIds()).toContain(id);
    await expectNoEvent(socket, 'feed:post', (p) => p.post.id === id);

    const approved = await moderator.api.post(`/moderation/queue/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.post).toMatchObject({ id, status: 'published' });
    const pushed = await nextEvent(socket, 'feed:post', (p) => p.post.id === id);
    expect(pushed.post.status).toBe('published');
    expect((await friend.api.get(`/posts/${id}`)).status).toBe(200);
    expect(await queueIds()).not.toContain(id);
    expect((await moderator.api.post(`/moderation/queue/${id}/approve`)).status).toBe(404);
    expect((await moderator.api.get('/moderation/audit?limit=1')).body.entries[0]).toMatchObject({
      action: 'post.approve',
      target: { type: 'post', id },
    });
  });

  it('review: 201 "review", invisible to others; rejection notifies the author', async () => {
    const alice = await registerUser(hub, 'alice');
    const stranger = await registerUser(hub, 'stranger');
    const word = keyword('review');
    await addRule(word, 'review');
    const socket = await connectSocket(hub, alice.token);

    const res = await post(alice, `about ${word}`, 'public');
    expect(res.status).toBe(201);
    expect(res.body.post.status).toBe('review');
    const id = res.body.post.id as string;
    expect((await stranger.api.get(`/posts/${id}`)).status).toBe(404);
    expect((await stranger.api.get(`/spaces/${alice.handle}/posts`)).body.posts).toEqual([]);
    expect(await queueIds()).toContain(id);

    expect((await stranger.api.post(`/moderation/queue/${id}/reject`)).status).toBe(403);
    const rejected = await moderator.api.post(`/moderation/queue/${id}/reject`);
    expect(rejected.status).toBe(200);
    expect(rejected.body.post.status).toBe('rejected');
    const { notification } = await nextEvent(socket, 'notification', (n) => n.notification.kind === 'moderation');
    expect(notification.subject).toMatchObject({ type: 'post', id });
    expect(await queueIds()).not.toContain(id);
  });

  it('unpublish: the post leaves the feeds that got it (feed:remove)', async () => {
    const alice = await registerUser(hub, 'alice');
    const friend = await registerUser(hub, 'friend');
    await makeFriends(alice, friend);
    const socket = await connectSocket(hub, friend.token);
    const res = await post(alice, 'an ordinary day');
    const id = res.body.post.id as string;
    await nextEvent(socket, 'feed:post', (p) => p.post.id === id);

    expect((await friend.api.post(`/moderation/posts/${id}/unpublish`)).status).toBe(403);
    expect((await moderator.api.post(`/moderation/posts/${id}/unpublish`)).status).toBe(204);
    await nextEvent(socket, 'feed:remove', (p) => p.postId === id);
    expect((await friend.api.get(`/posts/${id}`)).status).toBe(404);
    expect((await friend.api.get('/feed')).body.posts.map((p: { id: string }) => p.id)).not.toContain(id);
  });
});
