/**
 * The served OpenAPI document passes Redocly's recommended rule set with no problem at all, and has
 * what a client generator needs: a written summary and a described tag on every operation, the
 * security scheme, shared components instead of inline copies, the Idempotency-Key header,
 * /api/readyz's 503 — and error answers that are the ones the hub really gives: each error provoked
 * below is declared, under its status, as the shared response of its code.
 */
import { randomUUID } from 'node:crypto';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, makeFriends, registerUser, useTestHub, type ApiAnswer, type TestUser } from '../helpers/index.js';

interface Operation {
  readonly operationId: string;
  readonly summary?: string;
  readonly tags?: string[];
  readonly security?: unknown[];
  readonly parameters?: Array<{ $ref?: string; name?: string }>;
  readonly responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>;
}
interface Document {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly tags: Array<{ name: string; description?: string }>;
  readonly components: Record<string, Record<string, unknown>>;
}

const operations = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

describe('the OpenAPI document', () => {
  // Budgets at their production size, so one of them can be spent in a few requests.
  const hub = useTestHub({ env: { RATE_LIMIT_SCALE: '1' } });
  let doc: Document;
  let moderator: TestUser;

  beforeAll(async () => {
    moderator = await registerUser(hub, 'mod'); // the first user of a hub moderates
    doc = (await apiClient(hub.url).get('/openapi.json')).body as Document;
  });

  // recommended-strict: the recommended rule set with its warnings (unused components, tag descriptions…) as errors.
  it('passes the recommended lint rules with no error and no warning', async () => {
    const config = await createConfig({ extends: ['recommended-strict'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`)).toEqual([]);
  }, 60_000);

  it('gives every operation a unique id, a written summary, a described tag, its security and a 2xx', () => {
    const ids = new Set<string>();
    const tags = new Map(doc.tags.map((t) => [t.name, t.description]));
    expect(Object.keys(doc.components.securitySchemes!)).toEqual(['bearer']);
    for (const { path, method, op } of operations(doc)) {
      const name = `${method} ${path}`;
      expect(ids.has(op.operationId), name).toBe(false);
      ids.add(op.operationId);
      // Not the fallback that repeats the method and path.
      expect(op.summary, name).toMatch(/^[A-Z][^/]*\w/);
      expect(op.summary!.startsWith(method.toUpperCase()), name).toBe(false);
      expect(op.tags?.length, name).toBe(1);
      expect(tags.get(op.tags![0]!), name).toBeTruthy();
      expect(op.security, name).toBeDefined();
      expect(
        Object.keys(op.responses).some((s) => s.startsWith('2')),
        name,
      ).toBe(true);
      // Errors are shared responses; only the probes' 503 is their own report.
      const probe = path === '/api/readyz' || path === '/api/health';
      for (const [status, answer] of Object.entries(op.responses))
        if (!status.startsWith('2') && !(probe && status === '503'))
          expect(answer.$ref, `${name} ${status}`).toMatch(/^#\/components\/responses\/\w+$/);
    }
    expect(doc.paths['/api/posts/{id}/like']!.put!.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/auth/register']!.post!.security).toEqual([]);
    expect(doc.paths['/api/readyz']!.get!.tags).toEqual(['system']);
  });

  it('describes each object and each shared parameter once, in components, and refers to it', () => {
    const schemas = doc.components.schemas!;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['PostDto', 'UserDto', 'CommentDto', 'Error']));
    const onePost = doc.paths['/api/posts/{id}']!.get!.responses['200']!.content!['application/json']!.schema;
    expect(onePost).toMatchObject({ properties: { post: { $ref: '#/components/schemas/PostDto' } } });
    const paths = JSON.stringify(doc.paths);
    for (const [name, schema] of Object.entries(schemas)) {
      const body = JSON.stringify(schema);
      if (body.length > 80) expect(paths.includes(body), `${name} copied inline`).toBe(false);
    }
    const parameters = doc.components.parameters!;
    expect(parameters.handle).toMatchObject({ name: 'handle', in: 'path', required: true });
    expect(doc.paths['/api/spaces/{handle}']!.get!.parameters).toEqual([{ $ref: '#/components/parameters/handle' }]);
    for (const { op } of operations(doc))
      for (const p of op.parameters ?? []) if (!p.$ref) expect(paths.split(JSON.stringify(p)).length - 1, p.name).toBe(1);
  });

  it('declares the Idempotency-Key header on signed-in POSTs and readyz 503', () => {
    const createPost = doc.paths['/api/posts']!.post!;
    expect(createPost.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(doc.components.parameters!.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header' });
    expect(createPost.responses['201']).toMatchObject({
      headers: { 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } },
    });
    expect(doc.paths['/api/albums/{id}/photos']!.post!.parameters).not.toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(doc.paths['/api/auth/login']!.post!.parameters).not.toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    // readyz answers 503 with its own report (what is down), as it does 200.
    const ready = doc.paths['/api/readyz']!.get!.responses;
    expect(ready['503']).toMatchObject({ description: expect.stringMatching(/not ready/), content: ready['200']!.content });
    for (const code of ['not_found', 'conflict', 'too_large', 'unsupported_media', 'blocked', 'rate_limited', 'unavailable'])
      expect(doc.components.responses, code).toHaveProperty(code);
  });

  /** The answer is an error the document declares for this operation, under its status, by its code. */
  function expectDeclared(method: string, path: string, answer: ApiAnswer, code: string): void {
    expect(answer.body, `${method} ${path}`).toMatchObject({ error: { code } });
    const op = doc.paths[`/api${path}`]?.[method];
    expect(op, `${method} ${path} is in the document`).toBeDefined();
    expect(op!.responses[String(answer.status)], `${method} ${path} declares ${answer.status}`).toMatchObject({
      $ref: `#/components/responses/${code}`,
      description: expect.stringMatching(new RegExp(`^${code}: .+`)),
    });
  }

  it('declares the 403, 404, 409, 413, 415 and 422 the hub really answers', async () => {
    const [alice, bob] = await Promise.all([registerUser(hub, 'alice'), registerUser(hub, 'bob')]);
    const anonymous = apiClient(hub.url);

    const missing = await anonymous.get('/posts/000000000000000000000000');
    expect(missing.status).toBe(404);
    expectDeclared('get', '/posts/{id}', missing, 'not_found');
    expectDeclared('post', '/friends/requests', await alice.api.post('/friends/requests', { to: 'nobody_here_at_all' }), 'not_found');

    expectDeclared(
      'post',
      '/auth/register',
      await anonymous.post('/auth/register', { handle: alice.handle, password: 'correct horse battery', displayName: 'again' }),
      'conflict',
    );
    await makeFriends(alice, bob);
    expectDeclared('post', '/friends/requests', await alice.api.post('/friends/requests', { to: bob.handle }), 'conflict');

    const post = await alice.api.post('/posts', { kind: 'shuoshuo', text: 'mine', privacy: 'public' });
    expect(post.status).toBe(201);
    // Success statuses chosen per answer (201 published, 202 held) are declared as they are.
    expect(Object.keys(doc.paths['/api/posts']!.post!.responses).filter((s) => s.startsWith('2'))).toEqual(['201', '202']);
    expectDeclared('delete', '/posts/{id}', await bob.api.delete(`/posts/${post.body.post.id}`), 'forbidden');

    expectDeclared('patch', '/me', await alice.api.patch('/me', { bio: 'x'.repeat(40_000) }), 'too_large');
    const latin1 = await alice.api.raw('PATCH', '/me', JSON.stringify({ bio: 'hi' }), 'application/json; charset=latin1');
    expectDeclared('patch', '/me', latin1, 'unsupported_media');
    const album = await alice.api.post('/albums', { title: 'trip', privacy: 'public' });
    expect(album.status).toBe(201);
    const notAnImage = new FormData();
    notAnImage.append('file', new Blob(['plain text, not a picture']), 'note.jpg');
    const upload = await fetch(`${hub.url}/api/albums/${album.body.album.id}/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}` },
      body: notAnImage,
    });
    expectDeclared(
      'post',
      '/albums/{id}/photos',
      { status: upload.status, body: await upload.json(), headers: upload.headers },
      'unsupported_media',
    );

    expect((await moderator.api.post('/moderation/rules', { pattern: 'zzqforbidden', action: 'block' })).status).toBe(201);
    expectDeclared(
      'post',
      '/posts',
      await alice.api.post('/posts', { kind: 'shuoshuo', text: 'a zzqforbidden word', privacy: 'public' }),
      'blocked',
    );
    expectDeclared('patch', '/me', await alice.api.patch('/me', { displayName: 'zzqforbidden' }), 'blocked');
    expectDeclared(
      'post',
      `/conversations/{handle}/messages`,
      await alice.api.post(`/conversations/${bob.handle}/messages`, { text: 'zzqforbidden', clientId: randomUUID() }),
      'blocked',
    );
  }, 60_000);

  it('declares the 429 of a spent budget', async () => {
    const carol = await registerUser(hub, 'carol');
    let answer: ApiAnswer | undefined;
    for (let i = 0; i < 40 && answer === undefined; i += 1) {
      const res = await carol.api.put('/notifications/settings', { muted: [] });
      if (res.status !== 200) answer = res;
    }
    expect(answer?.status).toBe(429);
    expectDeclared('put', '/notifications/settings', answer!, 'rate_limited');
  });
});
