/**
 * Ties the socket event schemas (events.ts here) to the event maps of shared/events.ts at compile time,
 * as ties.ts does for DTOs: a client → server payload type must be accepted by its schema and name the
 * same fields; an acknowledgement's and a server → client payload's schema output must fit the type and
 * name the same fields. Nothing runs; `npx tsc` is the test.
 */
import type { z } from 'zod';
import type { ClientAckFields, ClientEventName, ClientPayload, ServerEventName, ServerPayload } from '../events.js';
import type { clientEvents, serverEvents } from './events.js';

type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : false;
type Accepts<S extends z.ZodType, T> = T extends z.input<S> ? SameKeys<z.input<S>, T> : false;
type Fits<S extends z.ZodType, T> = z.output<S> extends T ? SameKeys<z.output<S>, T> : false;
type Holds<T extends true> = T;
/** A bare acknowledgement (`{ ok: true }`, no fields) is `z.object({})`, whose output has no known keys. */
type AckFits<S extends z.ZodType, T> = [keyof T] extends [never] ? (z.output<S> extends Record<string, never> ? true : false) : Fits<S, T>;

type ClientTie<E extends ClientEventName> = [
  Accepts<(typeof clientEvents)[E]['payload'], ClientPayload<E>>,
  AckFits<(typeof clientEvents)[E]['ack'], ClientAckFields<E>>,
] extends [true, true]
  ? true
  : false;
type ServerTie<E extends ServerEventName> = Fits<(typeof serverEvents)[E]['payload'], ServerPayload<E>>;

/** Every event at once: a failing one shows its name in the error. */
type Failing<T extends Record<string, boolean>> = { [K in keyof T]: T[K] extends true ? never : K }[keyof T];

export type EventTies = [
  Holds<[Failing<{ [E in ClientEventName]: ClientTie<E> }>] extends [never] ? true : false>,
  Holds<[Failing<{ [E in ServerEventName]: ServerTie<E> }>] extends [never] ? true : false>,
];
