/**
 * Socket.IO event maps shared by the server, the web client and the load tester, inferred from the
 * event schemas of schemas/events.ts (the ones the hub validates with and docs/api.md shows): renaming
 * an event or a payload field there fails to compile everywhere it is used.
 */
import type { z } from 'zod';
import type { Shape } from './dto.js';
import type { ErrorBody } from './errors.js';
import { clientEvents, type serverEvents } from './schemas/events.js';

/** Every client → server event is acknowledged with this shape. */
export type Ack<T extends object = object> =
  ({ readonly ok: true } & T) | { readonly ok: false; readonly error: Pick<ErrorBody, 'code' | 'message'> };

export type AckCallback<T extends object = object> = (answer: Ack<T>) => void;

export type ClientEventName = keyof typeof clientEvents;
export type ServerEventName = keyof typeof serverEvents;

/** The payload of a client → server event, as its sender writes it (before the hub's schema checks it). */
export type ClientPayload<E extends ClientEventName> = z.input<(typeof clientEvents)[E]['payload']>;

/** The success fields of a client → server event's acknowledgement (none: `object`). */
export type ClientAckFields<E extends ClientEventName> = FieldsOrNone<Shape<(typeof clientEvents)[E]['ack']>>;

/** A bare acknowledgement's schema is `z.object({})`, whose output has only an index signature: no fields. */
type FieldsOrNone<T> = string extends keyof T ? object : T;

/** The payload of a server → client event. */
export type ServerPayload<E extends ServerEventName> = Shape<(typeof serverEvents)[E]['payload']>;

// The maps run over `keyof typeof` the schema maps themselves (not the name aliases) so that each
// event's docs, written on its schema entry, show on the map's member too.
export type ServerToClientEvents = {
  [E in keyof typeof serverEvents]: (payload: ServerPayload<E>) => void;
};

export type ClientToServerEvents = {
  [E in keyof typeof clientEvents]: (payload: ClientPayload<E>, ack: AckCallback<ClientAckFields<E>>) => void;
};

/** Data the server keeps on each socket. */
export interface SocketData {
  userId: string;
  handle: string;
}

/** Every client → server event name at run time. */
export const clientEventNames = Object.keys(clientEvents) as readonly ClientEventName[];
