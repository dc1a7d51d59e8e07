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
    const pub = (await a.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'public words', privacy: 'public' } })).post.id;
    const album = (await a.api.call('POST /albums', { body: { title: 'trip', privacy: 'public' } })).album.id;
    expect((await b.api.send('GET /posts/:id', { params: { id: pub } })).status).toBe(200);

    expect((await a.api.send('PUT /blocks/:handle', { params: { handle: b.handle } })).status).toBe(204);
    expect((await a.api.send('PUT /blocks/:handle', { params: { handle: b.handle } })).status).toBe(204); // idempotent
    expect((await a.api.call('GET /blocks')).users.map((u: { id: string }) => u.id)).toEqual([b.id]);
    expect((await b.api.call('GET /blocks')).users).toEqual([]);

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
    expect((await b.api.request('GET /spaces/:handle/posts', { params: { handle: a.handle } })).status).toBe(404);
    expect((await b.api.request('GET /spaces/:handle/albums', { params: { handle: a.handle } })).status).toBe(404);
    expect((await b.api.call('GET /feed')).posts.map((p: { id: string }) => p.id)).not.toContain(pub);
    expect((await a.api.call('GET /friends')).friends).toEqual([]);
    expect((await b.api.call('GET /friends')).friends).toEqual([]);
    // The blocker cannot send a request either (it would reveal nothing, and mean nothing).
    expect((await a.api.request('POST /friends/requests', { body: { to: b.handle } })).status).toBe(404);
    // The blocker still sees the blocked user's public things.
    expect((await a.api.send('GET /spaces/:handle', { params: { handle: b.handle } })).status).toBe(200);

    expect((await a.api.send('DELETE /blocks/:handle', { params: { handle: b.handle } })).status).toBe(204);
    expect((await b.api.send('GET /posts/:id', { params: { id: pub } })).status).toBe(200);
    expect((await b.api.call('GET /friends')).friends).toEqual([]); // unblocking does not restore the friendship
  });

  it('a block takes the blocked user’s sockets out of the blocker’s post rooms and feed at once', async () => {
    const [a, b, c] = [await registerUser(hub, 'amy'), await registerUser(hub, 'bo'), await registerUser(hub, 'cy')];
    await makeFriends(a, b);
    const pub = (await a.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'watch me', privacy: 'public' } })).post.id;
    const watcher = await connectSocket(hub, b.token);
    expect((await emitAck(watcher, 'post:watch', { postId: pub })).ok).toBe(true);
    await c.api.call('POST /posts/:id/comments', { params: { id: pub }, body: { text: 'before the block' } });
    await nextEvent(watcher, 'post:comment', (e) => e.comment.text === 'before the block');

    expect((await a.api.send('PUT /blocks/:handle', { params: { handle: b.handle } })).status).toBe(204);
    await c.api.call('POST /posts/:id/comments', { params: { id: pub }, body: { text: 'after the block' } });
    await a.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'new and not for bo', privacy: 'public' } });
    await expectNoEvent(watcher, 'post:comment', (e) => e.comment.text === 'after the block');
    await expectNoEvent(watcher, 'feed:post', (e) => e.post.text === 'new and not for bo');
    const again = await emitAck(watcher, 'post:watch', { postId: pub });
    expect(again.ok).toBe(false);
  });

  it('refuses blocking oneself or a missing user', async () => {
    const a = await registerUser(hub, 'solo');
    expect((await a.api.put(`/blocks/${a.handle}`)).status).toBe(400);
    expect((await a.api.request('PUT /blocks/:handle', { params: { handle: 'nobody_by_this_name' } })).status).toBe(404);
  });
});
