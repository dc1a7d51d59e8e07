/**
 * What a route declares of its error answers: each contract error code it can answer (shared/errors.ts),
 * with when. The generic ones follow from a route's shape and are spread from the records below
 * (`...signedIn`, `...withBody`), so a route's own entry names only what its service adds.
 * test/http/route-errors.test.ts checks every route declares at least what its shape implies.
 */
import type { ErrorCode } from './errors.js';

/** Error code → when a route answers it. */
export type RouteErrors = { readonly [C in ErrorCode]?: string };

/** What any route may answer, whatever it declares: a bad token even where none is needed, an outage, a bug. */
export const everyRoute = {
  unauthorized: 'a token that is bad, expired or ended (even where none is needed)',
  unavailable: 'the store or Redis does not answer; retry later',
  internal: 'a bug, logged with the request id',
} as const satisfies RouteErrors;

/** A route for signed-in users. */
export const signedIn = { unauthorized: 'no token, or one that is bad, expired or ended' } as const satisfies RouteErrors;

/** A route for moderators. */
export const moderatorOnly = { ...signedIn, forbidden: 'signed in, but not a moderator' } as const satisfies RouteErrors;

/** A route with path parameters or a query. */
export const withInput = { invalid: 'a parameter breaks its schema; `fields` names it' } as const satisfies RouteErrors;

/** A route with a JSON body. */
export const withBody = {
  invalid: 'the input breaks its schema, or the body is not JSON; `fields` names what is wrong',
  too_large: 'the body is over its limit',
  unsupported_media: 'the body is not JSON, or not UTF-8',
} as const satisfies RouteErrors;

/** A route whose path names something (`:id`, `:handle`) that may not exist or not be visible: the same answer. */
export const named = { not_found: 'nothing by that name, or nothing the viewer may see' } as const satisfies RouteErrors;

/** A signed-in POST that takes an Idempotency-Key (server/http/idempotency/). */
export const idempotent = {
  conflict: 'an Idempotency-Key reused for another request, or one still in progress',
  rate_limited: 'too many Idempotency-Keys in a short time',
} as const satisfies RouteErrors;

/** A route with its own request budget. */
export const limited = { rate_limited: 'its budget is spent; the message says when to retry' } as const satisfies RouteErrors;
