import { describe, expect, expectTypeOf, it } from 'vitest';
import { apiRoutes } from '../../shared/api-routes.js';
import type { CallInput, RouteAnswer, RouteBody, RouteParams } from '../../shared/api-client.js';
import type { PostDto } from '../../shared/dto.js';
import { useTestHub } from '../helpers/index.js';

describe('the route table (shared/api-routes.ts) is what the hub mounts', () => {
  const hub = useTestHub();

  it('every mounted endpoint is a route of the table with the same auth, and every route is mounted', () => {
    const mounted = [
      ...hub.routes.map((r) => `${r.method.toUpperCase()} ${r.path} auth=${String(r.auth)}`),
      'POST /albums/:id/photos auth=true',
    ];
    const table = Object.entries(apiRoutes).map(([key, route]) => `${key} auth=${String(route.auth)}`);
    expect([...new Set(mounted)].sort()).toEqual(table.sort());
  });

  it('each entry carries the method and path its key names', () => {
    for (const [key, route] of Object.entries(apiRoutes)) expect(`${route.method.toUpperCase()} ${route.path}`).toBe(key);
  });

  it('types calls from the schemas (checked by tsc)', () => {
    expectTypeOf<RouteAnswer<'GET /posts/:id'>['post']>().toExtend<PostDto>();
    expectTypeOf<RouteAnswer<'DELETE /posts/:id'>>().toEqualTypeOf<undefined>();
    expectTypeOf<RouteParams<'GET /posts/:id'>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<RouteBody<'POST /albums/:id/photos'>>().toEqualTypeOf<FormData>();
    // @ts-expect-error a post needs its body
    const missingBody: CallInput<'POST /posts'> = {};
    // @ts-expect-error a path parameter is named as the schema names it
    const wrongParam: CallInput<'GET /posts/:id'> = { params: { postId: 'x' } };
    expect([missingBody, wrongParam]).toHaveLength(2);
  });
});
