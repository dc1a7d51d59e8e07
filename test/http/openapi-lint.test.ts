/**
 * The served OpenAPI document passes Redocly's recommended rule set with no error, and has what a
 * client generator needs: a summary and tags on every operation, the security scheme, real error
 * answers as shared responses, the Idempotency-Key header, and /api/readyz's 503.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { apiClient, useTestHub } from '../helpers/index.js';

interface Operation {
  readonly summary?: string;
  readonly tags?: string[];
  readonly security?: unknown[];
  readonly parameters?: Array<{ $ref?: string; name?: string }>;
  readonly responses: Record<string, { $ref?: string }>;
}
type Paths = Record<string, Record<string, Operation>>;

describe('the OpenAPI document', () => {
  const hub = useTestHub();

  it('passes the recommended lint rules with 0 errors', async () => {
    const document = (await apiClient(hub.url).get('/openapi.json')).body as object;
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
    expect(errors).toEqual([]);
  }, 60_000);

  it('gives every operation a summary and a tag, and signed-in ones the bearer scheme', async () => {
    const body = (await apiClient(hub.url).get('/openapi.json')).body as {
      paths: Paths;
      components: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(body.components.securitySchemes!)).toEqual(['bearer']);
    for (const [path, ops] of Object.entries(body.paths))
      for (const [method, op] of Object.entries(ops)) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(op.tags?.length, `${method} ${path}`).toBe(1);
      }
    expect(body.paths['/api/posts/{id}/like']!.put!.security).toEqual([{ bearer: [] }]);
    expect(body.paths['/api/auth/register']!.post!.security).toEqual([]);
  });

  it('declares real error answers as shared responses, the Idempotency-Key header, and readyz 503', async () => {
    const body = (await apiClient(hub.url).get('/openapi.json')).body as {
      paths: Paths;
      components: Record<string, Record<string, unknown>>;
    };
    const createPost = body.paths['/api/posts']!.post!;
    expect(createPost.responses['422']).toEqual({ $ref: '#/components/responses/blocked' });
    expect(createPost.responses['413']).toEqual({ $ref: '#/components/responses/too_large' });
    expect(createPost.responses['409']).toEqual({ $ref: '#/components/responses/conflict' });
    expect(createPost.responses['429']).toEqual({ $ref: '#/components/responses/rate_limited' });
    expect(createPost.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(body.components.parameters!.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header' });
    const upload = body.paths['/api/albums/{id}/photos']!.post!;
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['413', '415']));
    expect(upload.parameters).not.toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(body.paths['/api/posts/{id}']!.get!.responses['404']).toEqual({ $ref: '#/components/responses/not_found' });
    expect(Object.keys(body.paths['/api/readyz']!.get!.responses)).toEqual(expect.arrayContaining(['200', '503']));
    for (const code of ['not_found', 'conflict', 'too_large', 'unsupported_media', 'blocked', 'rate_limited', 'unavailable'])
      expect(body.components.responses, code).toHaveProperty(code);
  });
});
