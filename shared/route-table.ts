/**
 * How the REST contract's table is written: a route's shape (auth, inputs, answer, errors) keyed
 * `'METHOD /path'`, and `routeTable`, which reads each entry's method and path from its key.
 */
import type { z } from 'zod';
import type { RouteErrors } from './route-errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the contract says of one route; the server adds its rate limit, status and handler. */
export interface RouteShape {
  /** true: a signed-in user (else 401); 'moderator': also a moderator (else 403); false: anyone. */
  readonly auth: boolean | 'moderator';
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The body is multipart/form-data with one file in this field. */
  readonly upload?: { readonly field: string };
  /** The success answer's JSON body; none: the answer has no body (204). */
  readonly response?: z.ZodType;
  /** The error codes it answers, each with when (beyond `everyRoute`'s); an own entry replaces a spread one's text. */
  readonly errors: RouteErrors;
}

type MethodOf<K> = K extends `${infer M extends HttpMethod} ${string}` ? M : never;
type PathOf<K> = K extends `${HttpMethod} ${infer P}` ? P : never;

/** A route's entry with its method (lower case, as Express names it) and path read from its key. */
export type RouteDeclaration<K extends string, S> = S & { readonly method: Lowercase<MethodOf<K>>; readonly path: PathOf<K> };

export function routeTable<const T extends Record<`${HttpMethod} /${string}`, RouteShape>>(
  table: T,
): { readonly [K in keyof T & string]: RouteDeclaration<K, T[K]> } {
  return Object.fromEntries(
    Object.entries(table).map(([key, shape]) => {
      const [method, path] = key.split(' ') as [string, string];
      return [key, { ...shape, method: method.toLowerCase(), path }];
    }),
  ) as unknown as { readonly [K in keyof T & string]: RouteDeclaration<K, T[K]> };
}
