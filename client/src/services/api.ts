/** REST calls to the hub: JSON in and out, the session token attached, errors as `ApiError`. */
import type { ErrorCode, ErrorResponse, FieldErrors } from '../../../shared/errors.js';
import { msg } from '@lit/localize';
import { errorMessage, fieldName } from '../i18n/errors.js';
import { formatList } from '../i18n/format.js';
import { currentLocale } from '../i18n/locale.js';
import { session } from './session.js';

/** A non-2xx answer, with the contract's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** A 401 here answers a password check (password change, account deletion), not a dead token. */
  readonly passwordCheck?: boolean;
}

/** 128 random bits; crypto.randomUUID needs a secure context, and the hub is often opened over plain HTTP. */
function idempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A successful answer: its status matters where the contract gives meaning to it (202 held). */
export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T;
}

async function send<T>(method: string, path: string, body: BodyInit | object | undefined, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {};
  const token = session.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  // A signed-in POST carries an Idempotency-Key, so when the connection drops before the answer (a
  // reset keep-alive connection) it is sent once more and the hub creates nothing twice.
  const retryable = method === 'POST' && token !== null && token !== undefined && !(body instanceof FormData);
  if (retryable) headers['Idempotency-Key'] = idempotencyKey();
  const attempt = () => fetch(`/api${path}`, { method, headers, body: payload, signal: options.signal });
  let res: Response;
  try {
    res = await attempt().catch((err: unknown) => {
      if (!retryable || (err instanceof DOMException && err.name === 'AbortError')) throw err;
      return attempt();
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The hub cannot be reached.'); // shown via errorText, localized
  }
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const error = (parsed as Partial<ErrorResponse> | undefined)?.error;
    if (res.status === 401 && token && !options.passwordCheck) session.expire();
    throw new ApiError(res.status, error?.code ?? 'internal', error?.message ?? res.statusText, error?.fields);
  }
  return { status: res.status, body: parsed as T };
}

/** The hub's REST API; every method resolves with the parsed body or rejects with `ApiError`. */
export const api = {
  get: async <T>(path: string, o?: RequestOptions) => (await send<T>('GET', path, undefined, o)).body,
  post: async <T>(path: string, body?: object, o?: RequestOptions) => (await send<T>('POST', path, body ?? {}, o)).body,
  put: async <T>(path: string, body?: object, o?: RequestOptions) => (await send<T>('PUT', path, body ?? {}, o)).body,
  patch: async <T>(path: string, body: object, o?: RequestOptions) => (await send<T>('PATCH', path, body, o)).body,
  delete: async <T = void>(path: string, o?: RequestOptions & { readonly body?: object }) => (await send<T>('DELETE', path, o?.body, o)).body,
  /** POST that also tells the status, for answers like 202 "held". */
  postWithStatus: <T>(path: string, body: object, o?: RequestOptions) => send<T>('POST', path, body, o),
  upload: async <T>(path: string, form: FormData, o?: RequestOptions) => (await send<T>('POST', path, form, o)).body,
};

/**
 * A message fit to show a person, in their language, for any thrown value. The hub's own messages are
 * English (for logs); the client words each error code itself (../i18n/errors.ts). For `invalid` answers
 * the fields are named; English readers also get the hub's detail, which is English already.
 */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const fields = err.fields ? Object.entries(err.fields) : [];
    if (err.code === 'invalid' && fields.length) {
      if (currentLocale() === 'en') return `${msg('Some of what you entered is not valid', { id: 'error.withFields' })}: ${fields.map(([k, v]) => `${fieldName(k)} ${v}`).join('; ')}`;
      return `${msg('Some of what you entered is not valid', { id: 'error.withFields' })}${formatList(fields.map(([k]) => fieldName(k)))}`;
    }
    return errorMessage(err.code);
  }
  return msg('Something went wrong.', { id: 'error.generic' });
}

export const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === 'AbortError';
