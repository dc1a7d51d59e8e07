/**
 * REST calls to the hub through the typed client of shared/api-client.ts: the session token attached,
 * a signed-in POST keyed and sent once more if the connection drops, errors as `ApiError`.
 * `api.call('GET /posts/:id', { params: { id } })` types the call from the contract's schemas; every
 * screen calls the hub this way (no untyped paths).
 */
import {
  ApiError,
  createApiClient,
  type ApiAnswer as RouteAnswerWithStatus,
  type CallArgs,
  type RouteAnswer,
  type RouteKey,
} from '../../../shared/api-client.js';
import { msg } from '@lit/localize';
import { errorMessage, fieldName } from '../i18n/errors.js';
import { formatList } from '../i18n/format.js';
import { currentLocale } from '../i18n/locale.js';
import { session } from './session.js';

export { ApiError } from '../../../shared/api-client.js';

const hub = createApiClient({ token: () => session.token });

/** Routes whose 401 means a wrong password, not an expired session. */
const passwordChecks: ReadonlySet<RouteKey> = new Set<RouteKey>(['POST /auth/password', 'DELETE /me']);

/** A 401 to a signed-in call (other than a password check) means the session is over. */
function noteFailure(err: unknown, passwordCheck: boolean | undefined): void {
  if (err instanceof ApiError && err.status === 401 && session.token && !passwordCheck) session.expire();
}

/** Reads (GETs) still on their way. */
const reading = new Set<Promise<unknown>>();

/** Resolves once every read already on its way has answered or failed (later ones are not waited for). */
export function readsSettled(): Promise<void> {
  return Promise.allSettled([...reading]).then(() => undefined);
}

async function sendRoute<K extends RouteKey>(route: K, ...args: CallArgs<K>): Promise<RouteAnswerWithStatus<K>> {
  const sent = hub.send(route, ...args);
  if (route.startsWith('GET ')) {
    reading.add(sent);
    const done = () => reading.delete(sent);
    sent.then(done, done);
  }
  try {
    return await sent;
  } catch (err) {
    noteFailure(err, passwordChecks.has(route));
    throw err;
  }
}

/** The hub's REST API; every method resolves with the parsed body or rejects with `ApiError`. */
export const api = {
  /** A route of the contract, typed from its schemas: resolves with the answer's body. */
  call: async <K extends RouteKey>(route: K, ...args: CallArgs<K>): Promise<RouteAnswer<K>> => (await sendRoute(route, ...args)).body,
  /** A route of the contract, typed: the answer with its status (202 "held") and headers. */
  send: sendRoute,
};

/** What a screen says for some error codes instead of the general wording (a 404 on a post page: "It was deleted…"). */
export type ErrorWording = Readonly<Partial<Record<ApiError['code'], string>>>;

/**
 * A message fit to show a person, in their language, for any thrown value. The hub's own messages are
 * English (for logs); the client words each error code itself (../i18n/errors.ts), unless `wording`
 * names the code. For `invalid` answers the fields are named; English readers also get the hub's
 * detail, which is English already.
 */
export function errorText(err: unknown, wording: ErrorWording = {}): string {
  if (err instanceof ApiError) {
    const own = wording[err.code];
    if (own !== undefined) return own;
    const fields = err.fields ? Object.entries(err.fields) : [];
    if (err.code === 'invalid' && fields.length) {
      if (currentLocale() === 'en')
        return `${msg('Some of what you entered is not valid', { id: 'error.withFields' })}: ${fields.map(([k, v]) => `${fieldName(k)} ${v}`).join('; ')}`;
      return `${msg('Some of what you entered is not valid', { id: 'error.withFields' })}${formatList(fields.map(([k]) => fieldName(k)))}`;
    }
    return errorMessage(err.code);
  }
  return msg('Something went wrong.', { id: 'error.generic' });
}

export const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === 'AbortError';
