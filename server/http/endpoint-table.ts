/**
 * A feature's endpoints as a table keyed like the contract (`'GET /posts/:id'`): the key names the
 * route once, the contract (shared/api-routes.ts) gives its auth and schemas, and the entry adds what
 * only the server knows: rate limit, body limit, success status and handler. The route's schemas type
 * the handler's input, and its answer schema the handler's result.
 */
import type { z } from 'zod';
import { apiRoutes, type ApiRoutes, type RouteKey } from '../../shared/api-routes.js';
import { defineEndpoint, type Access, type Endpoint, type EndpointSpec } from './endpoint.js';

type SchemaAt<Route, Field extends 'body' | 'query' | 'params'> = Route extends { readonly [F in Field]: infer S extends z.ZodType }
  ? S
  : undefined;

/** Read-only all the way down: services hand out readonly arrays, and an answer is only serialized. */
type ReadOnly<T> = T extends readonly (infer E)[]
  ? readonly ReadOnly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadOnly<T[K]> }
    : T;

/** What a route answers: its answer schema's output; a route without one answers no body. */
type AnswerOf<Route> = Route extends { readonly response: infer S extends z.ZodType } ? ReadOnly<z.output<S>> : unknown;

/** What the contract already says of a route, and so an entry does not repeat. */
type FromContract = 'method' | 'path' | 'auth' | 'body' | 'query' | 'params' | 'response' | 'upload';

/** The server's side of one contract route. */
export type ServerSide<K extends RouteKey, Route = ApiRoutes[K]> = Omit<
  EndpointSpec<
    Route extends { readonly auth: infer A extends Access } ? A : never,
    SchemaAt<Route, 'body'>,
    SchemaAt<Route, 'query'>,
    SchemaAt<Route, 'params'>,
    AnswerOf<Route>
  >,
  FromContract
>;

export type EndpointTable = { readonly [K in RouteKey]?: ServerSide<K> };

/** The table's endpoints, in its order (Express matches in mount order: `/posts/scheduled` before `/posts/:id`). */
export function defineEndpoints(table: EndpointTable): Endpoint[] {
  return Object.entries(table).map(([key, serverSide]) =>
    defineEndpoint({ ...apiRoutes[key as RouteKey], ...serverSide } as EndpointSpec<Access, z.ZodType, z.ZodType, z.ZodType, unknown>),
  );
}
