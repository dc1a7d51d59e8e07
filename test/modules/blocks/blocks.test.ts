/**
 * Blocking (contract v1.1): while A blocks B, B gets `not_found` for A's space, posts, albums,
 * guestbook and visitors, cannot comment, like, request friendship or sign A's guestbook, and A's
 * content stops reaching B live at once — including post rooms B's sockets had already joined.
 */
import { describe, expect, it } from 'vitest';
import {
  connectSocket,
  emitAck,
  engines,
  expectNoEvent,
  makeFriends,
  nextEvent,
  registerUser,
  useTestHub,
  type ApiAnswer,
} from '../../helpers/index.js';

describe.each(engines)('blocking on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('hides everything of the blocker from the blocked, ends the friendship, and holds both ways for requests', async () => {
    const [a, b] = [await registerUser(hub, 'ann'), await registerUser(hub, 'ben')];
    await makeFriends(a, b);
    const pub = (await a.api.post('/posts', { kind: 'shuoshuo', text: 'public words', privacy: 'public' })).body.post.id;
    const album = (await a.api.post('/albums', { title: 'trip', privacy: 'public' })).body.album.id;
    expect((await b.api.get(`/posts/${pub}`)).status).toBe(200);

    expect((await a.api.put(`/blocks/${b.handle}`)).status).toBe(204);
    expect((await a.api.put(`/blocks/${b.handle}`)).status).toBe(204); // idempotent
    expect((await a.api.get('/blocks')).body.users.map((u: { id: string }) => u.id)).toEqual([b.id]);
    expect((await b.api.get('/blocks')).body.users).toEqual([]);

    for (const [method, path, body] of [
      ['get', `/spaces/${a.handle}`],
      ['get', `/spaces/${a.handle}/guestbook`],
      ['post', `/spaces/${a.handle}/guestbook`, { text: 'let me in' }],
      ['post', `/spaces/${a.handle}/visit`],
      ['get', `/posts/${pub}`],
      ['get', `/posts/${pub}/comments`],
      ['post', `/posts/${pub}/comments`, { text: 'hi' }],
      ['put', `/posts/${pub}/like`],
      ['get', `/albums/${album}`],
      ['post', '/friends/requests', { to: a.handle }],
    ] as const) {
      const res = await (b.api as unknown as Record<string, (p: string, x?: unknown) => Promise<ApiAnswer>>)[method]!(path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    // Its listings answer like an unknown handle too (test/hardening/attacks/blocked-listings.test.ts).
    expect((await b.api.get(`/spaces/${a.handle}/posts`)).status).toBe(404);
    expect((await b.api.get(`/spaces/${a.handle}/albums`)).status).toBe(404);
    expect((await b.api.get('/feed')).body.posts.map((p: { id: string }) => p.id)).not.toContain(pub);
    expect((await a.api.get('/friends')).body.friends).toEqual([]);
    expect((await b.api.get('/friends')).body.friends).toEqual([]);
    // The blocker cannot send a request either (it would reveal nothing, and mean nothing).
    expect((await a.api.post('/friends/requests', { to: b.handle })).status).toBe(404);
    // The blocker still sees the blocked user's public things.
    expect((await a.api.get(`/spaces/${b.handle}`)).status).toBe(200);

    expect((await a.api.delete(`/blocks/${b.handle}`)).status).toBe(204);
    expect((await b.api.get(`/posts/${pub}`)).status).toBe(200);
    expect((await b.api.get('/friends')).body.friends).toEqual([]); // unblocking does not restore the friendship
  });

  it('a block takes the blocked user’s sockets out of the blocker’s post rooms and feed at once', async () => {
    const [a, b, c] = [await registerUser(hub, 'amy'), await registerUser(hub, 'bo'), await registerUser(hub, 'cy')];
    await makeFriends(a, b);
    const pub = (await a.api.post('/posts', { kind: 'shuoshuo', text: 'watch me', privacy: 'public' })).body.post.id;
    const watcher = await connectSocket(hub, b.token);
    expect((await emitAck(watcher, 'post:watch', { postId: pub })).ok).toBe(true);
    await c.api.post(`/posts/${pub}/comments`, { text: 'before the block' });
    await nextEvent(watcher, 'post:comment', (e) => e.comment.text === 'before the block');

    expect((await a.api.put(`/blocks/${b.handle}`)).status).toBe(204);
    await c.api.post(`/posts/${pub}/comments`, { text: 'after the block' });
    await a.api.post('/posts', { kind: 'shuoshuo', text: 'new and not for bo', privacy: 'public' });
    await expectNoEvent(watcher, 'post:comment', (e) => e.comment.text === 'after the block');
    await expectNoEvent(watcher, 'feed:post', (e) => e.post.text === 'new and not for bo');
    const again = await emitAck(watcher, 'post:watch', { postId: pub });
    expect(again.ok).toBe(false);
  });

  it('refuses blocking oneself or a missing user', async () => {
    const a = await registerUser(hub, 'solo');
    expect((await a.api.put(`/blocks/${a.handle}`)).status).toBe(400);
    expect((await a.api.put('/blocks/nobody_by_this_name')).status).toBe(404);
  });
});
