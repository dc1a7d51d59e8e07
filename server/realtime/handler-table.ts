/**
 * A feature's socket events as a table keyed by event name (`'post:watch'`), like its endpoints
 * (http/endpoint-table.ts): the key names the event once, the event's schema types the handler's
 * payload, and the entry adds the per-user rate limit and the handler.
 */
import type { ClientEventName } from '../../shared/events.js';
import { defineSocketHandler, type SocketHandler, type SocketHandlerSpec } from './gateway.js';

export type SocketHandlerTable = { readonly [E in ClientEventName]?: Omit<SocketHandlerSpec<E>, 'event'> };

/** The table's handlers, in its order. */
export function defineSocketHandlers(table: SocketHandlerTable): SocketHandler[] {
  return Object.entries(table).map(([event, spec]) =>
    defineSocketHandler({ event, ...spec } as unknown as SocketHandlerSpec<ClientEventName>),
  );
}
