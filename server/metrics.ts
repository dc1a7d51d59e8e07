/**
 * Prometheus metrics (prom-client) for `/metrics`: sockets, events in/out by name, deliveries,
 * acknowledgement latency, HTTP latency, store command latency, Redis adapter errors, the engine
 * actually running, a cumulative event-loop delay histogram, slow-consumer cuts, rate-limit refusals,
 * dropped log lines, and the process defaults (heap, CPU).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { droppedLogLines } from './logger.js';
import { observeLoopDelay } from './metrics-loop.js';
import { clientEventNames } from '../shared/events.js';
import type { Connection } from 'mongoose';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RedisClients } from './redis.js';
import type { HubServer, HubSocket } from './realtime/types.js';

const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export interface Metrics {
  readonly registry: Registry;
  /** Counts one socket's incoming events and every delivery to it. */
  observeSocket(socket: HubSocket): void;
  /** Deliveries that passed no socket's outgoing listeners (uws native publish): `sockets` of one event. */
  readonly countDeliveries: (event: string, sockets: number) => void;
  /** Records how long a client → server event took to acknowledge. */
  readonly observeAck: (event: string, seconds: number, ok: boolean) => void;
  /** Times REST requests by route pattern (never by raw path: ids would explode the label set). */
  httpMiddleware(): RequestHandler;
  /** Times every store command through the driver's command monitoring. */
  observeStore(conn: Connection): void;
  observeRedis(redis: RedisClients): void;
  /** A gauge read at each scrape (e.g. live Idempotency-Key records, open connections). */
  gauge(name: string, help: string, read: () => number | Promise<number>): void;
  /** Counts one request or event refused because the budget of the rate limit `limit` was spent. */
  readonly countRateLimitRefusal: (limit: string) => void;
  /** Stops feeding this registry (the loop-delay sampler is shared by every hub in the process). */
  close(): void;
}

/**
 * prom-client's event-loop gauges (min/max/mean/pNN) reset their histogram on every scrape, so two
 * scrapers (Prometheus and the load tester) each see only what happened since the other's scrape.
 * They are replaced by `kj_event_loop_delay_seconds`, a cumulative histogram any number of scrapers
 * can take `rate()`s of.
 */
const resettingLoopGauges = ['min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p99'].map((s) => `kj_nodejs_eventloop_lag_${s}_seconds`);

export function createMetrics(io: HubServer, nodeId: string, engine?: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ node: nodeId });
  collectDefaultMetrics({ register: registry, prefix: 'kj_', eventLoopMonitoringPrecision: 10 });
  for (const name of resettingLoopGauges) registry.removeSingleMetric(name);
  const loopDelay = new Histogram({
    name: 'kj_event_loop_delay_seconds',
    help: 'Event-loop delay: how late a 10 ms timer fired, sampled continuously (cumulative: never reset by a scrape)',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const stopLoop = observeLoopDelay((seconds) => loopDelay.observe(seconds));
  if (engine) {
    new Gauge({
      name: 'kj_realtime_engine',
      help: 'The realtime engine actually running (1 for it): uws only with its native binary',
      labelNames: ['engine'],
      registers: [registry],
    }).set({ engine }, 1);
  }

  new Gauge({
    name: 'kj_sockets_connected',
    help: 'Authenticated sockets connected to this node',
    registers: [registry],
    collect() {
      this.set(io.of('/').sockets.size);
    },
  });
  // Counters and latency histograms of this hub's own registry (not prom-client's global one).
  const counter = <L extends string = never>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  const latency = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Histogram<L>({ name, help, labelNames, buckets: latencyBuckets, registers: [registry] });
  const eventsIn = counter('kj_socket_events_in_total', 'Client → server events by name', ['event']);
  const eventsOut = counter('kj_socket_events_out_total', 'Server → client events delivered to a socket, by name', ['event']);
  const deliveries = counter('kj_deliveries_total', 'Server → client events delivered to sockets on this node');
  const nativeDeliveries = counter(
    'kj_native_deliveries_total',
    'Of kj_deliveries_total, those made by one native uWS publish to a room (from this node or heard from another)',
  );
  const ackLatency = latency('kj_ack_latency_seconds', 'Time from a client event to its acknowledgement', ['event', 'ok']);
  const httpLatency = latency('kj_http_request_duration_seconds', 'REST request duration', ['method', 'route', 'status']);
  const storeLatency = latency('kj_store_command_duration_seconds', 'Store command duration', ['command', 'ok']);
  const redisErrors = counter('kj_redis_errors_total', 'Redis connection errors (adapter, presence, rate limits)', ['client']);

  const slowConsumerCuts = counter(
    'kj_slow_consumer_cuts_total',
    'Sockets cut off because their outgoing buffer passed SOCKET_MAX_BUFFER_BYTES (they reconnect and sync)',
  );
  const rateLimitRefusals = counter(
    'kj_rate_limit_refusals_total',
    'Requests, socket events and handshakes refused, by the rate limit whose budget was spent (a rule name, socket-events, socket-handshakes)',
    ['limit'],
  );
  let droppedSeen = droppedLogLines();
  new Counter({
    name: 'kj_log_lines_dropped_total',
    help: 'Log lines dropped (the log reader fell more than the backlog behind, or stdout closed)',
    registers: [registry],
    collect() {
      const now = droppedLogLines();
      if (now > droppedSeen) this.inc(now - droppedSeen);
      droppedSeen = now;
    },
  });

  const countIn = (event: string) => eventsIn.inc({ event: knownEvent(event) });
  const countOut = (event: string, payload?: unknown) => {
    eventsOut.inc({ event });
    deliveries.inc();
    // slow-consumers.ts tells a socket why just before cutting it off.
    if (event === 'server:notice' && (payload as { code?: unknown } | undefined)?.code === 'slow_consumer') slowConsumerCuts.inc();
  };

  return {
    registry,
    observeSocket(socket) {
      // Two functions shared by every socket (a closure per socket is heap per socket).
      socket.onAny(countIn);
      socket.onAnyOutgoing(countOut);
    },
    countDeliveries(event, sockets) {
      if (sockets <= 0) return;
      eventsOut.inc({ event }, sockets);
      deliveries.inc(sockets);
      nativeDeliveries.inc(sockets);
    },
    observeAck(event, seconds, ok) {
      ackLatency.observe({ event: knownEvent(event), ok: String(ok) }, seconds);
    },
    httpMiddleware() {
      return (req, res, next) => {
        const end = httpLatency.startTimer();
        res.on('finish', () => {
          // Express types `req.route` as any: it is the matched Route (its `path` the pattern) or unset.
          const pattern = (req.route as { path?: unknown } | undefined)?.path;
          const route = typeof pattern === 'string' && pattern ? `${req.baseUrl}${pattern}` : req.baseUrl || 'other';
          end({ method: req.method, route, status: String(res.statusCode) });
        });
        next();
      };
    },
    observeStore(conn) {
      const client = conn.getClient();
      client.on('commandSucceeded', (e) => storeLatency.observe({ command: e.commandName, ok: 'true' }, e.duration / 1000));
      client.on('commandFailed', (e) => storeLatency.observe({ command: e.commandName, ok: 'false' }, e.duration / 1000));
    },
    observeRedis(redis) {
      // On a Redis Cluster this counts every node connection's errors too (a failover shows here).
      redis.onError((client) => redisErrors.inc({ client }));
      new Gauge({
        name: 'kj_redis_up',
        help: 'Redis reachable: 1 when every master (one Redis, or each master of the cluster) answers',
        labelNames: ['mode'],
        registers: [registry],
        collect() {
          this.set({ mode: redis.mode }, redis.isUp() ? 1 : 0);
        },
      });
    },
    gauge(name, help, read) {
      new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
          // A read that fails (the store is down) keeps the last value rather than failing the scrape.
          this.set(await Promise.resolve(read()).catch(() => this.get().then((m) => m.values[0]?.value ?? 0)));
        },
      });
    },
    countRateLimitRefusal(limit) {
      rateLimitRefusals.inc({ limit });
    },
    close: stopLoop,
  };
}

/** Unknown event names from clients are folded into one label so a client cannot grow the label set; the known ones come from the shared event map, so a new event is never counted as unknown. */
const knownEvents: ReadonlySet<string> = new Set(clientEventNames);
function knownEvent(event: string): string {
  return knownEvents.has(event) ? event : 'unknown';
}

/** A loopback peer: the connection itself, never a forwarded-for header, which any client can write. */
export function isLoopbackPeer(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * `GET /metrics`: with `METRICS_TOKEN` set, only for `Authorization: Bearer <token>`; without it,
 * only for loopback peers (a scraper on the same host, or through an explicit tunnel). Anyone else
 * gets 404, as if there were nothing here: the figures describe the hub's load and users.
 */
export function metricsRoute(metrics: Metrics, token: string | undefined): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const allowed = token ? header.startsWith('Bearer ') && sameToken(header.slice(7), token) : isLoopbackPeer(req.socket.remoteAddress);
    if (!allowed) {
      if (token) res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res
        .status(token ? 401 : 404)
        .type('text/plain')
        .send(token ? 'a metrics token is needed\n' : 'not found\n');
      return;
    }
    metrics.registry.metrics().then((text) => res.type(metrics.registry.contentType).send(text), next);
  };
}
