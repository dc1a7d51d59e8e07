/**
 * The one error type the core throws. Services throw `AppError`s; only the transports
 * (http/error-handler.ts, realtime/gateway.ts) turn them into the contract's shapes.
 */
import { errorStatus, type ErrorBody, type ErrorCode, type FieldErrors } from '../shared/errors.js';

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }

  get status(): number {
    return errorStatus[this.code];
  }

  toBody(): ErrorBody {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export const invalid = (message: string, fields?: FieldErrors) => new AppError('invalid', message, fields);
export const unauthorized = (message = 'sign in first') => new AppError('unauthorized', message);
export const forbidden = (message = 'not allowed') => new AppError('forbidden', message);
/** Also what an item the viewer may not see answers, so its existence does not leak. */
export const notFound = (what = 'item') => new AppError('not_found', `${what} not found`);
export const conflict = (message: string) => new AppError('conflict', message);
export const tooLarge = (message: string) => new AppError('too_large', message);
export const unsupportedMedia = (message: string) => new AppError('unsupported_media', message);
export const blocked = (message: string) => new AppError('blocked', message);
export const rateLimited = (message = 'too many requests, slow down') => new AppError('rate_limited', message);
export const unavailable = (message = 'service unavailable, try again shortly') => new AppError('unavailable', message);

/** Server answers that mean "shutting down / not the primary now", not a bad request: retry shortly. */
const storeGoneCodes = new Set([91, 189, 11600, 11602, 10107, 13435]);

/**
 * A write on a connection the other side had just closed: the driver passes the socket's own error
 * up unwrapped when a command is written in the moment the store dies (seen under load in the
 * store-restart test). The store is gone, not the request wrong.
 */
const socketGoneCodes = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED']);

/**
 * Whether an error means the store could not be reached (answered 503, not 500): a driver network or
 * selection error, a server shutting down, or either of them as the cause of another error (a bulk
 * write, a mongoose wrapper) or among an AggregateError's errors.
 */
export function isStoreUnavailable(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 4) return false;
  const name = err.name;
  const code = (err as { code?: unknown }).code;
  if (
    name === 'MongoNetworkError' ||
    name === 'MongoServerSelectionError' ||
    name === 'MongoNotConnectedError' ||
    name === 'MongoTopologyClosedError' ||
    name === 'MongoNetworkTimeoutError' ||
    // In flight or queued when the connection died: the driver clears the pool and fails them with these.
    name === 'MongoPoolClearedError' ||
    name === 'MongoPoolClosedError' ||
    name === 'MongoWaitQueueTimeoutError' ||
    name === 'MongoServerClosedError' ||
    (typeof code === 'number' && storeGoneCodes.has(code)) ||
    (typeof code === 'string' && socketGoneCodes.has(code)) ||
    /buffering timed out|Client must be connected|connection .* closed/i.test(err.message)
  )
    return true;
  if (err instanceof AggregateError && err.errors.some((e) => isStoreUnavailable(e, depth + 1))) return true;
  return isStoreUnavailable(err.cause, depth + 1);
}

/** Any thrown value → an `AppError` (unknown errors become `internal`, store outages `unavailable`). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isStoreUnavailable(err)) return unavailable();
  return new AppError('internal', 'something went wrong on our side');
}
