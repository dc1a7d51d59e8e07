/**
 * `Idempotency-Key` on creating POSTs: a client that lost the answer (a reset keep-alive
 * connection) sends the same request again and gets the same answer, with nothing created twice.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { requestFingerprint } from '../../server/http/idempotency/store.js';
import { registerUser, useTestHub, type TestUser } from '../helpers/index.js';

const hub = useTestHub();

async function post(user: TestUser, path: string, body: unknown, key?: string) {
  const res = await fetch(`${hub.url}/api${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined, replayed: res.headers.get('idempotent-replayed') };
}

async function ownPostCount(user: TestUser): Promise<number> {
  const res = await user.api.send('GET /spaces/:handle/posts', { params: { handle: user.handle } });
  expect(res.status).toBe(200);
  return res.body.posts.length;
}

describe('Idempotency-Key', () => {
  it('answers a repeat with the first answer, status and body, and creates the post once', async () => {
    const alice = await registerUser(hub, 'alice');
    const key = randomUUID();
    const body = { kind: 'shuoshuo', text: 'only once', privacy: 'public' };
    const first = await post(alice, '/posts', body, key);
    expect(first.status).toBe(201);
    expect(first.replayed).toBeNull();
    const again = await post(alice, '/posts', body, key);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.replayed).toBe('true');
    expect(await ownPostCount(alice)).toBe(1);
    // Without a key (or with another), a POST creates again, as before.
    expect((await post(alice, '/posts', body, randomUUID())).status).toBe(201);
    expect((await post(alice, '/posts', body)).status).toBe(201);
    expect(await ownPostCount(alice)).toBe(3);
  });

  it('makes concurrent duplicates wait for the first and all get its answer', async () => {
    const bob = await registerUser(hub, 'bob');
    const key = randomUUID();
    const body = { kind: 'shuoshuo', text: 'raced ten times', privacy: 'public' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(bob, '/posts', body, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.post.id)).size).toBe(1);
    expect(answers.filter((a) => a.replayed === 'true')).toHaveLength(9);
    expect(await ownPostCount(bob)).toBe(1);
  });

  it('refuses a key reused for a different request with 409, and creates nothing', async () => {
    const carol = await registerUser(hub, 'carol');
    const key = randomUUID();
    expect((await post(carol, '/posts', { kind: 'shuoshuo', text: 'one', privacy: 'public' }, key)).status).toBe(201);
    const other = await post(carol, '/posts', { kind: 'shuoshuo', text: 'two', privacy: 'public' }, key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('conflict');
    expect(await ownPostCount(carol)).toBe(1);
  });

  it('keeps keys per user: the same key from two users is two requests', async () => {
    const [dan, erin] = await Promise.all([registerUser(hub, 'dan'), registerUser(hub, 'erin')]);
    const key = randomUUID();
    const body = { kind: 'shuoshuo', text: 'same key', privacy: 'public' };
    const a = await post(dan, '/posts', body, key);
    const b = await post(erin, '/posts', body, key);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.replayed).toBeNull();
    expect(b.body.post.author.handle).toBe(erin.handle);
  });

  it('keeps no answer for a failed request, so a corrected retry with the same key runs', async () => {
    const fay = await registerUser(hub, 'fay');
    const key = randomUUID();
    const bad = await post(fay, '/posts', { kind: 'shuoshuo', text: '', privacy: 'public' }, key);
    expect(bad.status).toBe(400);
    // The same (invalid) request again is validated again, not replayed.
    expect((await post(fay, '/posts', { kind: 'shuoshuo', text: '', privacy: 'public' }, key)).replayed).toBeNull();
  });

  it('refuses a malformed key', async () => {
    const gus = await registerUser(hub, 'gus');
    const res = await post(gus, '/posts', { kind: 'shuoshuo', text: 'x', privacy: 'public' }, 'has spaces in it');
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('Idempotency-Key');
  });

  it('fingerprints the request, not the JSON spelling: key order does not matter, values do', () => {
    expect(requestFingerprint('POST', '/api/posts', { a: 1, b: [1, { c: 2, d: 3 }] })).toBe(
      requestFingerprint('POST', '/api/posts', { b: [1, { d: 3, c: 2 }], a: 1 }),
    );
    expect(requestFingerprint('POST', '/api/posts', { a: 1 })).not.toBe(requestFingerprint('POST', '/api/posts', { a: 2 }));
    expect(requestFingerprint('POST', '/api/posts', { a: 1 })).not.toBe(requestFingerprint('POST', '/api/albums', { a: 1 }));
  });
});
