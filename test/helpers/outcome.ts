/**
 * Reading a typed `request` answer (shared/api-client.ts) in a test: `errorOf` is the error of an answer
 * the test expects to fail, `bodyOf` the body of one it expects to succeed; each fails the test otherwise.
 */
import { expect } from 'vitest';
import type { ApiOutcome, RouteAnswer, RouteKey } from '../../shared/api-client.js';
import type { ErrorBody } from '../../shared/errors.js';

type AnyOutcome =
  { readonly ok: true; readonly status: number; readonly body?: unknown } | { readonly ok: false; readonly error: ErrorBody };

export function errorOf(outcome: AnyOutcome): ErrorBody {
  if (outcome.ok) return expect.fail(`expected an error answer, got ${outcome.status} ${JSON.stringify(outcome.body)}`);
  return outcome.error;
}

export function bodyOf<K extends RouteKey>(outcome: ApiOutcome<K>): RouteAnswer<K> {
  if (!outcome.ok) return expect.fail(`expected a success answer, got ${outcome.status} ${JSON.stringify(outcome.error)}`);
  return outcome.body;
}

/** The item at `index` of a list a test expects to be that long; fails the test otherwise. */
export function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) return expect.fail(`expected an item at ${index}, the list has ${items.length}`);
  return item;
}
