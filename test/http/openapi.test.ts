import { describe, expect, it } from 'vitest';
import { apiClient, useTestHub } from '../helpers/index.js';
import { openApiPath } from '../../server/http/openapi.js';

interface Operation {
  readonly security?: unknown[];
  readonly parameters?: Array<{ name: string; in: string }>;
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
    const paths = (await apiClient(hub.url).get('/openapi.json')).body.paths as Paths;
    const register = paths['/api/auth/register']!.post!;
    const schema = register.requestBody!.content['application/json']!.schema as { required: string[]; properties: Record<string, { pattern?: string; minLength?: number }> };
    expect(schema.required).toEqual(expect.arrayContaining(['handle', 'password', 'displayName']));
    expect(schema.properties.password!.minLength).toBe(8);
    expect(register.security).toBeUndefined();

    const like = paths['/api/posts/{id}/like']!.put!;
    expect(like.security).toEqual([{ bearer: [] }]);
    expect(like.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path' })]));
    expect(Object.keys(like.responses)).toEqual(expect.arrayContaining(['200', '401']));

    const upload = paths['/api/albums/{id}/photos']!.post!;
    expect(Object.keys(upload.requestBody!.content)).toEqual(['multipart/form-data']);
  });
});
