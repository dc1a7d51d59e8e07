import { describe, expect, it } from 'vitest';
import { apiRoutes, type RouteShape } from '../../shared/api-routes.js';
import { errorStatus, type ErrorCode } from '../../shared/errors.js';

const known = new Set(Object.keys(errorStatus));
const routes = Object.entries(apiRoutes) as Array<[string, RouteShape & { readonly method: string; readonly path: string }]>;

/** The errors a route's shape makes its mounting code answer (server/http/mount.ts, json-body.ts, idempotency/). */
function impliedBy(route: RouteShape & { readonly method: string; readonly path: string }): ErrorCode[] {
  const idempotent = route.method === 'post' && Boolean(route.auth) && !route.upload;
  const implied: Array<ErrorCode | false> = [
    Boolean(route.auth) && 'unauthorized',
    route.auth === 'moderator' && 'forbidden',
    Boolean(route.body ?? route.query ?? route.params ?? route.upload) && 'invalid',
    Boolean(route.body) && 'too_large',
    Boolean(route.body) && 'unsupported_media',
    /:(id|handle|postId|commentId|kind)\b/.test(route.path) && 'not_found',
    idempotent && 'conflict',
    (idempotent || (!route.auth && route.method !== 'get')) && 'rate_limited',
  ];
  return implied.filter((code): code is ErrorCode => code !== false);
}

describe("each route's declared errors (shared/api-routes.ts)", () => {
  it('name only known error codes, each with when', () => {
    const bad = routes.flatMap(([key, route]) =>
      Object.entries(route.errors)
        .filter(([code, when]) => !known.has(code) || typeof when !== 'string' || when.trim() === '')
        .map(([code]) => `${key} ${code}`),
    );
    expect(bad).toEqual([]);
  });

  it("include at least the generic ones the route's shape implies (a body → invalid, auth → unauthorized…)", () => {
    const missing = routes.flatMap(([key, route]) =>
      impliedBy(route)
        .filter((code) => !(code in route.errors))
        .map((code) => `${key} ${code}`),
    );
    expect(missing).toEqual([]);
  });
});
