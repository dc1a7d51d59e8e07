import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAllSockets,
  bodyOf,
  connectSocket,
  engines,
  errorOf,
  expectNoEvent,
  makeFriends,
  nextEvent,
  registerUser,
  startTestHub,
  type TestHub,
  type TestUser,
} from '../../helpers/index.js';
import type { Privacy } from '../../../shared/dto.js';

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
    const res = await moderator.api.send('POST /moderation/rules', { body: { pattern, action } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.rule;
  };
  const post = (user: TestUser, text: string, privacy: Privacy = 'friends') =>
    user.api.request('POST /posts', { body: { kind: 'shuoshuo', text, privacy } });
  const queueIds = async () => (await moderator.api.call('GET /moderation/queue')).posts.map((p) => p.id);

  it('lets moderators manage rules; others get 403, anonymous callers 401', async () => {
    const user = await registerUser(hub, 'user');
    const word = keyword('spam');
    const rule = await addRule(word, 'review');
    expect(rule).toMatchObject({ pattern: word, action: 'review' });
    expect((await moderator.api.call('GET /moderation/rules')).rules).toContainEqual(expect.objectContaining({ id: rule.id }));
    // The same keyword in another case and width is the same rule.
    const dup = await moderator.api.request('POST /moderation/rules', { body: { pattern: word.toUpperCase(), action: 'block' } });
    expect(dup.status).toBe(409);
    expect((await moderator.api.post('/moderation/rules', { pattern: 'x', action: 'ban' })).status).toBe(400);
    expect((await moderator.api.post('/moderation/rules', { pattern: 'x'.repeat(101), action: 'hold' })).status).toBe(400);

    expect((await user.api.request('POST /moderation/rules', { body: { pattern: 'nope', action: 'block' } })).status).toBe(403);
    expect((await user.api.request('GET /moderation/rules')).status).toBe(403);
    expect((await user.api.request('DELETE /moderation/rules/:id', { params: { id: rule.id } })).status).toBe(403);
    expect((await user.api.request('GET /moderation/queue')).status).toBe(403);
    expect((await user.api.request('GET /moderation/audit')).status).toBe(403);
    const anonymous = await fetch(`${hub.url}/api/moderation/queue`);
    expect(anonymous.status).toBe(401);

    expect((await moderator.api.send('DELETE /moderation/rules/:id', { params: { id: rule.id } })).status).toBe(204);
    expect((await moderator.api.request('DELETE /moderation/rules/:id', { params: { id: rule.id } })).status).toBe(404);
    const published = await post(user, `now ${word} is fine`);
    expect(published.status).toBe(201);
    expect(bodyOf(published).post.status).toBe('published');

    const audit = (await moderator.api.call('GET /moderation/audit', { query: { limit: 2 } })).entries;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['rule.delete', 'rule.create']);
    expect(audit[0]).toMatchObject({ actor: { id: moderator.id, handle: moderator.handle }, target: { type: 'rule', id: rule.id } });
  });

  it('block: 422 and nothing stored', async () => {
    const alice = await registerUser(hub, 'alice');
    const word = keyword('casino');
    await addRule(word, 'block');
    const res = await post(alice, `visit my ${word} tonight`, 'public');
    expect(res.status).toBe(422);
    expect(errorOf(res).code).toBe('blocked');
    expect((await alice.api.call('GET /spaces/:handle/posts', { params: { handle: alice.handle } })).posts).toEqual([]);
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
    expect(bodyOf(traditional).post.status).toBe('held');
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
    const id = bodyOf(res).post.id;
    expect(bodyOf(res).post.status).toBe('held');
    expect((await alice.api.send('GET /posts/:id', { params: { id } })).status).toBe(200);
    expect((await friend.api.request('GET /posts/:id', { params: { id } })).status).toBe(404);
    expect(await queueIds()).toContain(id);
    await expectNoEvent(socket, 'feed:post', (p) => p.post.id === id);

    const approved = await moderator.api.send('POST /moderation/queue/:postId/approve', { params: { postId: id } });
    expect(approved.status).toBe(200);
    expect(approved.body.post).toMatchObject({ id, status: 'published' });
    const pushed = await nextEvent(socket, 'feed:post', (p) => p.post.id === id);
    expect(pushed.post.status).toBe('published');
    expect((await friend.api.send('GET /posts/:id', { params: { id } })).status).toBe(200);
    expect(await queueIds()).not.toContain(id);
    expect((await moderator.api.request('POST /moderation/queue/:postId/approve', { params: { postId: id } })).status).toBe(404);
    expect((await moderator.api.call('GET /moderation/audit', { query: { limit: 1 } })).entries[0]).toMatchObject({
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
    expect(bodyOf(res).post.status).toBe('review');
    const id = bodyOf(res).post.id;
    expect((await stranger.api.request('GET /posts/:id', { params: { id } })).status).toBe(404);
    expect((await stranger.api.call('GET /spaces/:handle/posts', { params: { handle: alice.handle } })).posts).toEqual([]);
    expect(await queueIds()).toContain(id);

    expect((await stranger.api.request('POST /moderation/queue/:postId/reject', { params: { postId: id } })).status).toBe(403);
    const rejected = await moderator.api.send('POST /moderation/queue/:postId/reject', { params: { postId: id } });
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
    const id = bodyOf(res).post.id;
    await nextEvent(socket, 'feed:post', (p) => p.post.id === id);

    expect((await friend.api.request('POST /moderation/posts/:postId/unpublish', { params: { postId: id } })).status).toBe(403);
    expect((await moderator.api.send('POST /moderation/posts/:postId/unpublish', { params: { postId: id } })).status).toBe(204);
    await nextEvent(socket, 'feed:remove', (p) => p.postId === id);
    expect((await friend.api.request('GET /posts/:id', { params: { id } })).status).toBe(404);
    expect((await friend.api.call('GET /feed')).posts.map((p: { id: string }) => p.id)).not.toContain(id);
  });
});
