import { describe, expect, it } from 'vitest';
import { apiClient, makeFriends, registerUser, useTestHub } from '../helpers/index.js';
import * as responses from '../../shared/schemas/dto/responses.js';
import { openApiPath } from '../../server/http/openapi.js';

interface Operation {
  readonly security?: unknown[];
  readonly parameters?: Array<{ name?: string; in?: string; $ref?: string }>;
  readonly requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
  readonly responses: Record<string, unknown>;
}
type Paths = Record<string, Record<string, Operation>>;

describe('GET /api/openapi.json', () => {
  const hub = useTestHub();

  it('documents every mounted endpoint, and nothing that is not mounted', async () => {
    const res = await apiClient(hub.url).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const paths = res.body.paths as Paths;
    const documented = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    const mounted = [...hub.routes.map((r) => `${r.method} /api${openApiPath(r.path)}`), 'post /api/albums/{id}/photos'];
    expect(documented.sort()).toEqual([...new Set(mounted)].sort());
  });

  it('shows the same schemas that validate requests: limits, required fields, path parameters, auth', async () => {
    const document = (await apiClient(hub.url).get('/openapi.json')).body as { paths: Paths; components: { parameters: object } };
    const paths = document.paths;
    const register = paths['/api/auth/register']!.post!;
    const schema = register.requestBody!.content['application/json']!.schema as {
      required: string[];
      properties: Record<string, { pattern?: string; minLength?: number }>;
    };
    expect(schema.required).toEqual(expect.arrayContaining(['handle', 'password', 'displayName']));
    expect(schema.properties.password!.minLength).toBe(8);
    expect(register.security).toEqual([]); // anonymous: overrides the document's bearer default

    const like = paths['/api/posts/{id}/like']!.put!;
    expect(like.security).toEqual([{ bearer: [] }]);
    // A path parameter shared by many operations is one component (`#/components/parameters/id`).
    expect(like.parameters).toEqual([{ $ref: '#/components/parameters/id' }]);
    expect(document.components.parameters).toHaveProperty('id', expect.objectContaining({ name: 'id', in: 'path', required: true }));
    expect(Object.keys(like.responses)).toEqual(expect.arrayContaining(['200', '401']));

    const upload = paths['/api/albums/{id}/photos']!.post!;
    expect(Object.keys(upload.requestBody!.content)).toEqual(['multipart/form-data']);
  });

  it('declares an answer schema for every endpoint that answers a body', async () => {
    const paths = (await apiClient(hub.url).get('/openapi.json')).body.paths as Paths;
    const vague = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) =>
        Object.entries(op.responses)
          .filter(([status]) => status.startsWith('2') && status !== '204')
          .filter(
            ([, r]) =>
              JSON.stringify((r as { content?: unknown }).content ?? null) ===
              JSON.stringify({ 'application/json': { schema: { type: 'object' } } }),
          )
          .map(([status]) => `${method} ${path} ${status}`),
      ),
    );
    expect(vague).toEqual([]);
  });

  it('answers what it declares: real answers parse with the declared schemas', async () => {
    const a = await registerUser(hub, 'shape', '形状');
    const b = await registerUser(hub, 'shapefriend');
    await makeFriends(a, b);
    const created = await a.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'hello 你好', privacy: 'friends' } });
    const postId = (created.body as { post: { id: string } }).post.id;
    await b.api.call('POST /posts/:id/comments', { params: { id: postId }, body: { text: 'nice' } });
    await b.api.call('PUT /posts/:id/like', { params: { id: postId } });
    const checks: Array<[string, unknown, { safeParse(v: unknown): { success: boolean; error?: unknown } }]> = [
      ['POST /posts', created.body, responses.post],
      ['GET /me', await a.api.call('GET /me'), responses.me],
      ['GET /feed', await b.api.call('GET /feed'), responses.postPage],
      ['GET /posts/:id', await b.api.call('GET /posts/:id', { params: { id: postId } }), responses.post],
      ['GET /posts/:id/comments', await a.api.call('GET /posts/:id/comments', { params: { id: postId } }), responses.comments],
      ['GET /spaces/:handle', await b.api.call('GET /spaces/:handle', { params: { handle: a.handle } }), responses.space],
      ['GET /friends', await a.api.call('GET /friends'), responses.friends],
      ['GET /notifications', await a.api.call('GET /notifications'), responses.notifications],
      ['GET /albums/quota', await a.api.call('GET /albums/quota'), responses.quota],
      ['GET /health', (await apiClient(hub.url).get('/health')).body, responses.health],
    ];
    const misfits = checks.map(([name, body, schema]) => [name, schema.safeParse(body)] as const).filter(([, r]) => !r.success);
    expect(misfits.map(([name, r]) => `${name}: ${JSON.stringify(r.error)}`)).toEqual([]);
  });
});
