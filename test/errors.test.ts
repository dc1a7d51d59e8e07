/** Store outages answer 503 however the driver wraps them; anything else stays a 500. */
import { describe, expect, it } from 'vitest';
import { isStoreUnavailable, toAppError } from '../server/errors.js';

const named = (name: string, message = 'x', extra: Record<string, unknown> = {}) =>
  Object.assign(Object.assign(new Error(message), { name }), extra);

describe('isStoreUnavailable', () => {
  it('knows network errors, shutdown codes, and either as a cause or inside an AggregateError', () => {
    expect(isStoreUnavailable(named('MongoNetworkError'))).toBe(true);
    expect(isStoreUnavailable(named('MongoServerError', 'interrupted at shutdown', { code: 11600 }))).toBe(true);
    expect(isStoreUnavailable(new Error('bulk write failed', { cause: named('MongoNetworkError') }))).toBe(true);
    expect(isStoreUnavailable(new AggregateError([new Error('a'), named('MongoServerSelectionError')]))).toBe(true);
    expect(toAppError(new Error('wrapped', { cause: named('MongoNetworkTimeoutError') })).code).toBe('unavailable');
  });

  it('knows what the driver fails in-flight and queued operations with when the connection dies', () => {
    for (const name of ['MongoPoolClearedError', 'MongoPoolClosedError', 'MongoWaitQueueTimeoutError', 'MongoServerClosedError'])
      expect(toAppError(named(name)).code, name).toBe('unavailable');
  });

  it('knows the socket error a command written as the store dies is passed up with', () => {
    for (const code of ['EPIPE', 'ECONNRESET', 'ECONNREFUSED'])
      expect(toAppError(named('Error', 'This socket has been ended by the other party', { code })).code, code).toBe('unavailable');
  });

  it('leaves other errors alone', () => {
    expect(isStoreUnavailable(named('MongoServerError', 'E11000 duplicate key', { code: 11000 }))).toBe(false);
    expect(isStoreUnavailable(new TypeError('undefined is not a function'))).toBe(false);
    expect(toAppError(new Error('bug')).code).toBe('internal');
  });
});
