/**
 * The REST contract as one table: each route's auth, input schemas and answer schema, keyed
 * `'METHOD /path'` (paths under /api, Express-style `:param`). Each feature's routes.ts is a table keyed
 * the same way (`defineEndpoints({ 'GET /posts/:id': { handler } })`, server/http/endpoint-table.ts), so a
 * handler whose result does not fit the answer fails to compile, and the typed client (api-client.ts) reads its types from it,
 * so a renamed field fails to compile in the server, the web client, the tests and the load tester. Each route also
 * declares the errors it can answer and when (shared/route-errors.ts); the API document lists them from here.
 * test/http/api-routes.test.ts checks that the table and the mounted endpoints are the same set.
 */
import { peopleAndContentRoutes } from './api-routes/people-and-content.js';
import { playModerationChatRoutes } from './api-routes/play-moderation-chat.js';

export type { HttpMethod, RouteDeclaration, RouteShape } from './route-table.js';

/** Every route, in the order the API document lists them. */
export const apiRoutes = { ...peopleAndContentRoutes, ...playModerationChatRoutes };

export type ApiRoutes = typeof apiRoutes;
export type RouteKey = keyof ApiRoutes;
