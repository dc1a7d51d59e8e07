import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, routePath, type Transport } from '../../shared/api-client.js';
import { registerUser, useTestHub } from '../helpers/index.js';

describe('the typed REST client (shared/api-client.ts) against a real hub', () => {
  const hub = useTestHub();

  it('signs up, posts and reads back with typed answers; a friend-only post is not found for a stranger', async () => {
    const anonymous = createApiClient({ baseUrl: hub.url });
    const { user, token } = await anonymous.call('POST /auth/register', {
      body: { handle: `typed_${Date.now().toString(36)}`, password: 'correct horse battery', displayName: '类型' },
    });
    expect(user.displayName).toBe('类型');

    const me = createApiClient({ baseUrl: hub.url, token });
    const created = await me.send('POST /posts', { body: { kind: 'shuoshuo', text: 'typed 你好', privacy: 'friends' } });
    expect(created.status).toBe(201);
    const { post } = await me.call('GET /posts/:id', { params: { id: created.body.post.id } });
    expect(post.text).toBe('typed 你好');
    const page = await me.call('GET /spaces/:handle/posts', { params: { handle: user.handle }, query: { limit: 1 } });
    expect(page.posts.map((p) => p.id)).toEqual([post.id]);

    const stranger = await registerUser(hub, 'stranger');
    const outcome = await createApiClient({ baseUrl: hub.url, token: stranger.token }).request('GET /posts/:id', {
      params: { id: post.id },
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toBe('not_found');
    expect(outcome.status).toBe(404);
  });

  it('throws errors in the contract shape: invalid with fields, unauthorized without a token', async () => {
    const anonymous = createApiClient({ baseUrl: hub.url });
    const invalid = await anonymous
      .call('POST /auth/register', { body: { handle: 'x', password: 'short', displayName: '' } })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ApiError);
    expect((invalid as ApiError).status).toBe(400);
    expect((invalid as ApiError).code).toBe('invalid');
    expect(Object.keys((invalid as ApiError).fields ?? {})).toEqual(expect.arrayContaining(['handle', 'password']));

    const seen: ApiError[] = [];
    const noToken = createApiClient({ baseUrl: hub.url, onError: (e) => seen.push(e) });
    await expect(noToken.call('GET /me')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(seen.map((e) => e.code)).toEqual(['unauthorized']);
  });

  it('reads the token at each call, so a client follows a session that changes', async () => {
    const alice = await registerUser(hub, 'tokenread');
    let token: string | null = null;
    const client = createApiClient({ baseUrl: hub.url, token: () => token });
    await expect(client.call('GET /me')).rejects.toMatchObject({ code: 'unauthorized' });
    token = alice.token;
    expect((await client.call('GET /me')).user.handle).toBe(alice.handle);
  });

  it('sends a signed-in POST with an Idempotency-Key and sends it once more when the connection drops', async () => {
    const alice = await registerUser(hub, 'retry');
    const keys: string[] = [];
    let dropped = false;
    const flaky: Transport = async (url, request) => {
      keys.push(request.headers['Idempotency-Key'] ?? '');
      const res = await fetch(url, request);
      if (!dropped) {
        dropped = true; // the hub did the work, but the answer is lost on the way
        throw new TypeError('fetch failed');
      }
      return res;
    };
    const client = createApiClient({ baseUrl: hub.url, token: alice.token, transport: flaky });
    const answer = await client.send('POST /posts', { body: { kind: 'shuoshuo', text: 'once only', privacy: 'public' } });
    expect(answer.headers.get('idempotent-replayed')).toBe('true');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    const { posts } = await alice.api.get(`/spaces/${alice.handle}/posts`).then((r) => r.body as { posts: unknown[] });
    expect(posts).toHaveLength(1);
  });

  it('rejects with the AbortError when the caller aborts, and with network when nothing answers', async () => {
    const alice = await registerUser(hub, 'abort');
    const controller = new AbortController();
    controller.abort();
    const client = createApiClient({ baseUrl: hub.url, token: alice.token });
    await expect(client.call('GET /feed', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const nowhere = createApiClient({ baseUrl: 'http://127.0.0.1:9' });
    await expect(nowhere.call('GET /games')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('fills path parameters URL-encoded and refuses a missing one', () => {
    expect(routePath('DELETE /posts/:id/comments/:commentId', { id: 'a/b', commentId: 'c' })).toBe('/posts/a%2Fb/comments/c');
    expect(() => routePath('GET /posts/:id', {})).toThrow(/id is missing/);
  });
});
