/**
 * A tiny REST client for tests: real HTTP. Path-based calls answer `{ status, body }` whatever the status
 * (tests of malformed input and errors); `call` / `send` / `request` name a route of the contract and are
 * typed from its schemas (shared/api-client.ts), so a renamed field fails to compile here too.
 */
import { createApiClient, type ApiClient as RouteClient } from '../../shared/api-client.js';

/**
 * A JSON answer read without a schema: what `JSON.parse` gives, so a test can reach into it
 * (`res.body.post.id`) and let `expect` judge. Name a type (`get<{ post: PostDto }>`) where a test
 * relies on the shape; the typed `call()` of shared/api-client.ts is the way to have it checked.
 */
export type UntypedJson = ReturnType<typeof JSON.parse>;

export interface ApiAnswer<T = UntypedJson> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface ApiClient extends Pick<RouteClient, 'call' | 'send' | 'request'> {
  readonly token: string | undefined;
  get<T = UntypedJson>(path: string): Promise<ApiAnswer<T>>;
  post<T = UntypedJson>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  put<T = UntypedJson>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  patch<T = UntypedJson>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  delete<T = UntypedJson>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  /** Sends a raw body (string or bytes) with the given content type. */
  raw<T = UntypedJson>(method: string, path: string, body: BodyInit, contentType: string): Promise<ApiAnswer<T>>;
}

export function apiClient(baseUrl: string, token?: string): ApiClient {
  const call = async (method: string, path: string, body?: BodyInit, contentType?: string): Promise<ApiAnswer> => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (contentType) headers['content-type'] = contentType;
    const res = await fetch(`${baseUrl}/api${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    let parsed: unknown = text;
    if (text && res.headers.get('content-type')?.includes('json')) parsed = JSON.parse(text);
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const json = (method: string) => (path: string, body?: unknown) =>
    call(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : 'application/json');
  const typed = createApiClient({ baseUrl, ...(token ? { token } : {}) });
  return {
    token,
    call: typed.call,
    send: typed.send,
    request: typed.request,
    get: (path) => call('GET', path),
    post: json('POST'),
    put: json('PUT'),
    patch: json('PATCH'),
    delete: json('DELETE'),
    raw: (method, path, body, contentType) => call(method, path, body, contentType),
  };
}
