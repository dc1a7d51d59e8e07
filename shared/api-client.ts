/**
 * The typed REST client, for the browser and Node alike (any fetch-shaped transport): name a route of
 * the contract table (api-routes.ts) and its path parameters, query, body and answer are typed from the
 * same zod schemas the hub validates with. It imports only types from there, so no zod reaches the
 * web client's bundle.
 *
 *   const { post } = await api.call('GET /posts/:id', { params: { id } });
 *
 * Errors come back as `ApiError` in the contract's shape (code, message, field errors); a connection
 * that cannot be made is `ApiError` with code 'network'; an aborted call rejects with the AbortError.
 */
import type { z } from 'zod';
import type { ApiRoutes, HttpMethod, RouteKey } from './api-routes.js';
import { errorStatus, type ErrorBody, type ErrorCode, type FieldErrors } from './errors.js';

export type { HttpMethod, RouteKey } from './api-routes.js';

type PathOf<K> = K extends `${string} ${infer P}` ? P : never;
type PathParams<P> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { readonly [N in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { readonly [N in Name]: string }
    : unknown;

/** The path parameters of a route: its params schema's input, else the `:names` of its path as strings. */
export type RouteParams<K extends RouteKey> = ApiRoutes[K] extends { params: infer S extends z.ZodType }
  ? z.input<S>
  : PathParams<PathOf<K>>;
/** The query a route takes (never: none). */
export type RouteQuery<K extends RouteKey> = ApiRoutes[K] extends { query: infer S extends z.ZodType } ? z.input<S> : never;
/** Read-only all the way down: what is sent is only read, so the client's readonly DTOs fit. */
type Frozen<T> = T extends FormData
  ? T
  : T extends readonly (infer U)[]
    ? readonly Frozen<U>[]
    : T extends object
      ? { readonly [P in keyof T]: Frozen<T[P]> }
      : T;
/** The body a route takes: JSON fitting its schema, FormData for an upload (never: none). */
export type RouteBody<K extends RouteKey> = ApiRoutes[K] extends { upload: object }
  ? FormData
  : ApiRoutes[K] extends { body: infer S extends z.ZodType }
    ? Frozen<z.input<S>>
    : never;
/** What a route answers on success (undefined: no body, 204). */
export type RouteAnswer<K extends RouteKey> = ApiRoutes[K] extends { response: infer S extends z.ZodType } ? z.output<S> : undefined;

export interface CallOptions {
  readonly signal?: AbortSignal;
  /**
   * A signed-in POST carries a fresh Idempotency-Key, so it can be sent again when the connection drops
   * before the answer (the hub replays the first answer). Give a key to choose it, or false for none.
   */
  readonly idempotencyKey?: string | false;
  readonly headers?: Readonly<Record<string, string>>;
}

type ParamsPart<K extends RouteKey> =
  unknown extends RouteParams<K> ? { readonly params?: undefined } : { readonly params: RouteParams<K> };
type QueryPart<K extends RouteKey> = [RouteQuery<K>] extends [never] ? { readonly query?: undefined } : { readonly query?: RouteQuery<K> };
type BodyPart<K extends RouteKey> = [RouteBody<K>] extends [never]
  ? { readonly body?: undefined }
  : // `{} extends T` is the type-level test "every property of T is optional" (an empty object is a T).
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    {} extends RouteBody<K>
    ? { readonly body?: RouteBody<K> }
    : { readonly body: RouteBody<K> };

/** What a call of route K takes: its parameters, query and body, and how to send it. */
export type CallInput<K extends RouteKey> = CallOptions & ParamsPart<K> & QueryPart<K> & BodyPart<K>;
/** The input is optional when the route needs no parameters and no body. */
export type CallArgs<K extends RouteKey> = object extends CallInput<K> ? [input?: CallInput<K>] : [input: CallInput<K>];

/** A non-2xx answer in the contract's shape, or `network` (status 0) when the hub could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** An answer with its status and headers, success or error, as `request` resolves. */
export type ApiOutcome<K extends RouteKey> =
  | { readonly ok: true; readonly status: number; readonly body: RouteAnswer<K>; readonly headers: HeadersLike }
  | { readonly ok: false; readonly status: number; readonly error: ErrorBody; readonly headers: HeadersLike };

/** A success answer with its status (where the contract gives it meaning, e.g. 202 "held"). */
export interface ApiAnswer<K extends RouteKey> {
  readonly status: number;
  readonly body: RouteAnswer<K>;
  readonly headers: HeadersLike;
}

export interface HeadersLike {
  get(name: string): string | null;
}

export interface TransportRequest {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string | FormData;
  readonly signal?: AbortSignal;
}

export interface TransportResponse {
  readonly status: number;
  readonly statusText?: string;
  readonly headers: HeadersLike;
  text(): Promise<string>;
}

/** How requests travel: `fetch` by default; the load tester brings its own (keep-alive, source address). */
export type Transport = (url: string, request: TransportRequest) => Promise<TransportResponse>;

export interface ApiClientOptions {
  /** The hub's origin (`http://127.0.0.1:3000`); '' (the default) for the page's own origin. */
  readonly baseUrl?: string;
  /** The session token, or a function read at each call (the web client's token changes). */
  readonly token?: string | null | (() => string | null | undefined);
  readonly transport?: Transport;
  /** Sees every error answer before it is returned or thrown (the web client ends an expired session on 401). */
  readonly onError?: (error: ApiError) => void;
}

export interface ApiClient {
  /** The answer's body; a non-2xx answer rejects with `ApiError`. */
  call<K extends RouteKey>(this: void, route: K, ...args: CallArgs<K>): Promise<RouteAnswer<K>>;
  /** The answer with its status and headers; a non-2xx answer rejects with `ApiError`. */
  send<K extends RouteKey>(this: void, route: K, ...args: CallArgs<K>): Promise<ApiAnswer<K>>;
  /** Success or error as a value (tests assert statuses); only a failed connection rejects. */
  request<K extends RouteKey>(this: void, route: K, ...args: CallArgs<K>): Promise<ApiOutcome<K>>;
  /**
   * A call by method and path (query included), untyped: for callers not yet moved to routes and tests
   * sending malformed input on purpose. Same headers, retry and errors as the typed calls.
   */
  requestPath(this: void, method: HttpMethod, path: string, input?: PathInput): Promise<PathOutcome>;
}

/** What `requestPath` takes: a body of any shape, and the usual options. */
export interface PathInput extends CallOptions {
  readonly body?: unknown;
}

/** An untyped answer: the parsed body (the error body too, as it came) with its status and headers. */
export type PathOutcome =
  | { readonly ok: true; readonly status: number; readonly body: unknown; readonly headers: HeadersLike }
  | { readonly ok: false; readonly status: number; readonly error: ErrorBody; readonly body: unknown; readonly headers: HeadersLike };

/** 128 random bits as hex; crypto.randomUUID needs a secure context, and a hub is often opened over plain HTTP. */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `/posts/:id` with `{ id }` → `/posts/65f…`, each value URL-encoded. */
export function routePath(route: RouteKey, params: Readonly<Record<string, unknown>> = {}): string {
  const template = route.slice(route.indexOf(' ') + 1);
  return template.replace(/:(\w+)/g, (_m, name: string) => {
    const value = params[name] as string | number | null | undefined;
    if (value === undefined || value === null) throw new TypeError(`${route}: the path parameter ${name} is missing`);
    return encodeURIComponent(String(value));
  });
}

function queryString(query: Readonly<Record<string, unknown>> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, raw] of Object.entries(query)) {
    const value = raw as string | number | boolean | null | undefined;
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const isAbort = (err: unknown) => (err as { name?: unknown } | null)?.name === 'AbortError';

const codeOfStatus = (status: number): ErrorCode =>
  (Object.entries(errorStatus).find(([, s]) => s === status)?.[0] as ErrorCode | undefined) ?? 'internal';

function errorOf(status: number, statusText: string | undefined, parsed: unknown): ErrorBody {
  const error = (parsed as { error?: Partial<ErrorBody> } | undefined)?.error;
  return {
    code: error?.code ?? codeOfStatus(status),
    message: error?.message ?? (statusText || `HTTP ${status}`),
    ...(error?.fields ? { fields: error.fields } : {}),
  };
}

const fetchTransport: Transport = (url, request) => fetch(url, request);

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const transport = options.transport ?? fetchTransport;
  const tokenOf = () => (typeof options.token === 'function' ? options.token() : options.token) ?? undefined;

  async function requestPath(method: HttpMethod, path: string, input: PathInput = {}): Promise<PathOutcome> {
    const { body, signal, idempotencyKey, headers: extra } = input;
    const url = `${options.baseUrl ?? ''}/api${path}`;
    const token = tokenOf();
    const headers: Record<string, string> = { ...extra };
    if (token) headers.Authorization = `Bearer ${token}`;
    const upload = typeof FormData !== 'undefined' && body instanceof FormData;
    let payload: string | FormData | undefined;
    if (upload) payload = body;
    else if (body !== undefined || method === 'POST' || method === 'PUT' || method === 'PATCH') {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body ?? {});
    }
    const retryable = method === 'POST' && Boolean(token) && !upload && idempotencyKey !== false;
    if (retryable) headers['Idempotency-Key'] = idempotencyKey || newIdempotencyKey();
    const attempt = () =>
      transport(url, { method, headers, ...(payload === undefined ? {} : { body: payload }), ...(signal ? { signal } : {}) });
    let res: TransportResponse;
    try {
      // A reset keep-alive connection may drop a request before its answer: a keyed POST is sent once more.
      res = await attempt().catch((err: unknown) => {
        if (!retryable || isAbort(err)) throw err;
        return attempt();
      });
    } catch (err) {
      if (isAbort(err)) throw err;
      const error = new ApiError(0, 'network', 'The hub cannot be reached.');
      options.onError?.(error);
      throw error;
    }
    const text = await res.text();
    let parsed: unknown = text || undefined;
    if (text && (res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status, body: parsed, headers: res.headers };
    const error = errorOf(res.status, res.statusText, parsed);
    options.onError?.(new ApiError(res.status, error.code, error.message, error.fields));
    return { ok: false, status: res.status, error, body: parsed, headers: res.headers };
  }

  async function request<K extends RouteKey>(route: K, ...[input]: CallArgs<K>): Promise<ApiOutcome<K>> {
    const { params, query, ...rest } = (input ?? {}) as PathInput & { params?: Record<string, unknown>; query?: Record<string, unknown> };
    const method = route.slice(0, route.indexOf(' ')) as HttpMethod;
    return (await requestPath(method, `${routePath(route, params)}${queryString(query)}`, rest)) as ApiOutcome<K>;
  }

  async function send<K extends RouteKey>(route: K, ...args: CallArgs<K>): Promise<ApiAnswer<K>> {
    const outcome = await request(route, ...args);
    if (!outcome.ok) throw new ApiError(outcome.status, outcome.error.code, outcome.error.message, outcome.error.fields);
    return { status: outcome.status, body: outcome.body, headers: outcome.headers };
  }

  return {
    request,
    send,
    call: async (route, ...args) => (await send(route, ...args)).body,
    requestPath,
  };
}
