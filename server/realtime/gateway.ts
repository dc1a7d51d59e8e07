/**
 * The socket event gateway: each client → server event declares its payload schema and handler in
 * its feature module; here every event is validated, rate-limited, run, and answered with an
 * acknowledgement in the contract's shape. Unknown events and bad payloads get an error answer,
 * never a crash and never silence.
 */
import type { z } from 'zod';
import type { Ack, ClientAckFields, ClientEventName } from '../../shared/events.js';
import { clientEvents } from '../../shared/schemas/events.js';
import type { Logger } from '../logger.js';
import { AppError, toAppError } from '../errors.js';
import type { Viewer } from '../modules/accounts/viewer.js';
import type { RateLimitRule, RateLimits } from '../rate-limits.js';
import { parseInput } from '../validation.js';
import { createTokenBucket, type TokenBucket } from './token-bucket.js';
import type { HubServer, HubSocket } from './types.js';

export interface SocketHandlerContext {
  readonly viewer: Viewer;
  readonly socket: HubSocket;
}

export interface SocketHandler {
  readonly event: ClientEventName;
  /** A per-user budget shared by all the user's sockets (and, with Redis, all nodes). */
  readonly rateLimit?: RateLimitRule;
  run(payload: unknown, ctx: SocketHandlerContext): Promise<object>;
}

/** The payload of event E once its schema (shared/schemas/events.ts) has validated it. */
type ValidPayload<E extends ClientEventName> = z.output<(typeof clientEvents)[E]['payload']>;

/** A handler of one client → server event as a feature declares it. */
export interface SocketHandlerSpec<E extends ClientEventName> {
  readonly event: E;
  /** Limits calls per user across sockets and nodes, on top of the per-socket flood limit. */
  readonly rateLimit?: RateLimitRule;
  readonly handler: (payload: ValidPayload<E>, ctx: SocketHandlerContext) => Promise<ClientAckFields<E>>;
}

/**
 * Declares a handler for one client → server event; its payload is validated by the event's schema in
 * shared/schemas/events.ts (the one docs/api.md shows and shared/events.ts infers its types from).
 */
export function defineSocketHandler<E extends ClientEventName>(spec: SocketHandlerSpec<E>): SocketHandler {
  // TypeScript does not narrow the union of schemas by a generic event; ValidPayload<E> is that event's.
  const schema = clientEvents[spec.event].payload as z.ZodType as z.ZodType<ValidPayload<E>>;
  return {
    event: spec.event,
    ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}),
    run: async (payload, ctx) => spec.handler(parseInput(schema, payload, 'payload'), ctx),
  };
}

export interface GatewayOptions {
  readonly logger: Logger;
  /** Events a user may send per second, sustained, from all their sockets on this node together. */
  readonly eventsPerSecond: number;
  /** Short bursts above the sustained rate. */
  readonly burst: number;
  /** The viewer a connected socket belongs to (set by the auth middleware). */
  readonly viewerOf: (socket: HubSocket) => Viewer;
  /** Where handlers' per-user `rateLimit`s are kept; without it only the per-socket limit applies. */
  readonly rateLimits?: RateLimits;
  /** Told how long each handled event took to answer (metrics). */
  readonly onAnswered?: (event: string, seconds: number, ok: boolean) => void;
  /** Told of each event refused because the user's events-per-second budget ran out (metrics). */
  readonly onRefused?: (limit: typeof socketEventsLimit) => void;
}

/** The name the per-user events-per-second budget is counted under in `kj_rate_limit_refusals_total`. */
export const socketEventsLimit = 'socket-events';

/** Refused events in a row before a flooding socket is cut off. */
const floodStrikes = 20;

type RawAck = (answer: Ack) => void;

interface SocketState {
  readonly viewer: Viewer;
  /** The user's bucket, shared by all their sockets on this node. */
  readonly bucket: TokenBucket;
  /** Refused events in a row. */
  strikes: number;
}

export function attachGateway(io: HubServer, handlers: readonly SocketHandler[], options: GatewayOptions): void {
  const byEvent = new Map<string, SocketHandler>();
  for (const h of handlers) {
    if (byEvent.has(h.event)) throw new Error(`two socket handlers for ${h.event}`);
    byEvent.set(h.event, h);
  }

  // One bucket per user, shared by all their sockets: opening more sockets buys no more events.
  const buckets = new Map<string, { bucket: TokenBucket; sockets: number }>();
  const bucketOf = (userId: string): TokenBucket => {
    let entry = buckets.get(userId);
    if (!entry) buckets.set(userId, (entry = { bucket: createTokenBucket(options.eventsPerSecond, options.burst), sockets: 0 }));
    entry.sockets += 1;
    return entry.bucket;
  };
  const dropBucket = (userId: string) => {
    const entry = buckets.get(userId);
    if (entry && --entry.sockets <= 0) buckets.delete(userId);
  };

  // What the gateway keeps per socket. The listeners below are shared by every socket (socket.io
  // calls them with the socket as `this`): a closure per socket would be heap per idle socket.
  const states = new WeakMap<HubSocket, SocketState>();

  function answerError(socket: HubSocket, event: string, ack: RawAck | undefined, err: AppError): void {
    const error = { code: err.code, message: err.message };
    if (ack) ack({ ok: false, error });
    else
      socket.emit('server:notice', {
        code: err.code === 'rate_limited' ? 'rate_limited' : 'invalid',
        message: `${event}: ${err.message}`,
      });
  }

  function dispatch(socket: HubSocket, event: string, args: unknown[]): void {
    const state = states.get(socket);
    if (!state) return;
    const { viewer } = state;
    const last = args[args.length - 1];
    const ack: RawAck | undefined = typeof last === 'function' ? (last as RawAck) : undefined;

    if (!state.bucket.take()) {
      options.onRefused?.(socketEventsLimit);
      state.strikes += 1;
      if (state.strikes >= floodStrikes) {
        socket.emit('server:notice', { code: 'rate_limited', message: 'too many events: disconnected' });
        options.logger.warn({ user: viewer.id, socket: socket.id }, 'socket flood: disconnected');
        socket.disconnect(true);
        return;
      }
      answerError(socket, event, ack, new AppError('rate_limited', 'too many events, slow down'));
      return;
    }
    state.strikes = 0;

    const handler = byEvent.get(event);
    if (!handler) {
      answerError(socket, event, ack, new AppError('invalid', `unknown event: ${String(event).slice(0, 64)}`));
      return;
    }
    const payload = ack ? args.slice(0, -1)[0] : args[0];
    const started = performance.now();
    const answered = (ok: boolean) => options.onAnswered?.(event, (performance.now() - started) / 1000, ok);
    const rule = handler.rateLimit;
    const limited = rule && options.rateLimits ? options.rateLimits.consume(rule, viewer.id) : Promise.resolve();
    limited
      .then(() => handler.run(payload === undefined ? {} : payload, { viewer, socket }))
      .then(
        (result) => {
          ack?.({ ok: true, ...result });
          answered(true);
        },
        (err: unknown) => {
          answered(false);
          const appError = toAppError(err);
          if (appError.code === 'internal') options.logger.error({ err, event, user: viewer.id }, 'socket handler failed');
          answerError(socket, event, ack, appError);
        },
      );
  }

  function onEvent(this: HubSocket, event: string, ...args: unknown[]): void {
    dispatch(this, event, args);
  }

  function onDisconnect(this: HubSocket): void {
    const state = states.get(this);
    if (!state) return;
    states.delete(this);
    dropBucket(state.viewer.id);
  }

  io.on('connection', (socket) => {
    const viewer = options.viewerOf(socket);
    states.set(socket, { viewer, bucket: bucketOf(viewer.id), strikes: 0 });
    socket.on('disconnect', onDisconnect);
    socket.onAny(onEvent);
  });
}
