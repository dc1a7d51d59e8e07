/**
 * The composition root: builds the store, Redis, services, HTTP and realtime transports, wires
 * them together, and knows how to take them down again in order.
 */
import http from 'node:http';
import path from 'node:path';
import type { Config } from './config.js';
import { openStore } from './db/connect.js';
import { createHttpApp } from './http/app.js';
import { guardConnections } from './http/connection-guard.js';
import { createIdempotencyStore } from './http/idempotency/store.js';
import { apiEndpoints } from './http/routes.js';
import { systemRoutes, type HealthReport } from './http/system-routes.js';
import { createLogger, type Logger } from './logger.js';
import { createTokenSigner } from './modules/accounts/tokens.js';
import { createPasswords, type Passwords } from './modules/accounts/password.js';
import { createPasswordQueue, scaledPasswordQueueOptions } from './modules/accounts/password-queue.js';
import { createRateLimits } from './rate-limits.js';
import { attachSocketAuth, socketViewer } from './realtime/auth.js';
import { createClusterAdapter } from './realtime/adapter.js';
import { createRealtimeEngine } from './realtime/engine.js';
import { runningEngine, settleEngine } from './realtime/uws-native.js';
import { attachGateway } from './realtime/gateway.js';
import { connectionListeners, connectPreparers, socketHandlers } from './realtime/handlers.js';
import { createPusher } from './realtime/pusher.js';
import { connectRedis } from './redis.js';
import { loadOrCreateSecret } from './secret.js';
import { createMetrics, metricsRoute } from './metrics.js';
import { closeServices, createServices, type Services } from './services.js';
import { photoUploadEndpoints } from './modules/albums/upload-route.js';
import { mountEndpoints } from './http/mount.js';
import type { Endpoint } from './http/endpoint.js';
import { openApiRoute } from './http/openapi-route.js';
import { photoFileRoutes } from './modules/albums/photo-file-routes.js';
import { videoFileRoutes, videoUploadEndpoints } from './modules/videos/routes.js';
import { avatarFileRoutes } from './modules/accounts/self-routes.js';
import { avatarUploadEndpoint } from './modules/accounts/avatar-upload-route.js';
import { createClusterBus } from './realtime/cluster-bus.js';
import { endRevokedSessions } from './realtime/session-revocation.js';

export interface Hub {
  readonly config: Config;
  readonly logger: Logger;
  readonly services: Services;
  /** The hub's password hashing; its queue's counts are what tests and metrics read. */
  readonly passwords: Passwords;
  /** The HTTP origin, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  /** Where Socket.IO clients connect. */
  readonly realtimeUrl: string;
  readonly httpPort: number;
  readonly wsPort: number;
  health(): Promise<HealthReport>;
  /** Every REST endpoint, as mounted under /api (for tests and docs). */
  readonly routes: ReadonlyArray<{ readonly method: string; readonly path: string; readonly auth: boolean | 'moderator' }>;
  /** Graceful stop: stop accepting, tell sockets to go elsewhere, finish in-flight work, flush. */
  close(): Promise<void>;
}

export interface HubOptions {
  readonly logger?: Logger;
  /** The built web client; defaults to dist/client. */
  readonly clientDir?: string;
}

export async function startHub(requested: Config, options: HubOptions = {}): Promise<Hub> {
  const logger = options.logger ?? createLogger(requested.logLevel, requested.nodeId);
  const { config, warning } = settleEngine(requested);
  if (warning) logger.warn(warning);
  const secret = config.secret ?? (await loadOrCreateSecret(config.dataDir));
  const store = await openStore(config, logger);
  const redis = config.redisUrl
    ? connectRedis({ url: config.redisUrl }, logger)
    : config.redisClusterNodes
      ? connectRedis({ clusterNodes: config.redisClusterNodes }, logger)
      : undefined;

  const allowOrigin = (origin: string | undefined) => !origin || !config.corsOrigins || config.corsOrigins.includes(origin);
  // Idle keep-alive connections outlive common client and proxy idle timeouts (nginx and load
  // balancers 60 s): the server closing first races a client reusing the connection (ECONNRESET).
  // headersTimeout counts from a request's first byte (or the connection's start) to the end of its
  // headers, never an idle kept-alive connection between requests: a connection that does not finish
  // its headers within HEADERS_TIMEOUT_MS is closed, checked every second (Node's default: 30 s).
  // Node requires headersTimeout ≤ requestTimeout; 120 s also lets a 20 MB upload finish on a slow link.
  const httpServer = http.createServer({
    keepAliveTimeout: 65_000,
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: 120_000,
    connectionsCheckingInterval: 1_000,
  });
  const engine = createRealtimeEngine(config, httpServer, allowOrigin, logger);
  const { io } = engine;
  const clusterAdapter = redis ? createClusterAdapter(config.redisAdapter, redis, config.redisPrefix) : undefined;
  if (clusterAdapter) engine.useAdapter(clusterAdapter.adapter);
  /** Redis answers and every confirmed subscription is in place (what health and readiness report). */
  const redisUp = () => (redis ? redis.isUp() && clusterAdapter!.subscriptionsUp() : undefined);
  const metrics = createMetrics(io, config.nodeId, runningEngine(config.engine));
  engine.onNativeDeliveries(metrics.countDeliveries);
  engine.onHandshakeRefused(metrics.countRateLimitRefusal);
  metrics.observeStore(store.conn);
  if (redis) metrics.observeRedis(redis);

  const passwords = createPasswords({
    queue: createPasswordQueue(scaledPasswordQueueOptions(config.rateLimitScale)),
    cost: config.passwordScryptCost,
  });
  const rateLimits = createRateLimits(redis?.main, config.redisPrefix, config.rateLimitScale, metrics.countRateLimitRefusal);
  const tokens = createTokenSigner({ current: secret, previous: config.secretPrevious }, config.tokenTtlSeconds);
  const pusher = createPusher(io);
  const bus = createClusterBus(io, Boolean(redis));
  const services = createServices({ config, logger, conn: store.conn, pusher, rateLimits, tokens, redis, secret, bus, passwords });
  const idempotency = createIdempotencyStore(store.conn); // before syncIndexes: its TTL index
  metrics.gauge(
    'kj_password_jobs_waiting',
    'Password derivations (sign-in, registration) waiting for their turn',
    () => passwords.queue.waiting,
  );
  metrics.gauge('kj_idempotency_keys', 'Idempotency-Key records kept (each lives 24 h; new keys are capped per user)', () =>
    idempotency.count(),
  );
  await store.syncIndexes();
  await services.moderation.ready();
  // A node that died mid-write may have left a like/comment counter one short: recount recent ones.
  await services.posts.repairRecentCounters();
  await services.posts.startScheduler();

  const authenticate = (token: string | undefined) => services.accounts.authenticate(token);
  endRevokedSessions({ bus, authenticate, logger });
  attachSocketAuth(io, authenticate, { socketsPerUser: config.socketsPerUser, clustered: Boolean(redis) });
  for (const prepare of connectPreparers(services)) {
    io.use((socket, next) => {
      prepare(socket, socketViewer(socket)).then(
        () => next(),
        () => next(new Error('unavailable')),
      );
    });
  }
  attachGateway(io, socketHandlers(services), {
    logger,
    eventsPerSecond: 20 * config.rateLimitScale,
    burst: 40 * config.rateLimitScale,
    viewerOf: socketViewer,
    rateLimits,
    onAnswered: metrics.observeAck,
    onRefused: metrics.countRateLimitRefusal,
  });
  const listeners = connectionListeners(services);
  io.on('connection', (socket) => {
    metrics.observeSocket(socket);
    const viewer = socketViewer(socket);
    for (const listen of listeners) listen(socket, viewer);
  });

  let wsPort = config.wsPort;
  const health = async (): Promise<HealthReport> => {
    const storeUp = await store.isUp();
    const redisNow = redisUp();
    return {
      ok: storeUp && redisNow !== false,
      node: config.nodeId,
      engine: runningEngine(config.engine),
      store: storeUp ? 'up' : 'down',
      ...(redisNow === undefined ? {} : { redis: redisNow ? 'up' : 'down' }),
      sockets: io.of('/').sockets.size,
      uptimeSeconds: Math.round(process.uptime()),
    };
  };

  const ready = async () => ({ store: await store.isUp(), ...(redis ? { redis: redisUp() } : {}) });
  const uploadEndpoints = [
    ...photoUploadEndpoints(services.albums),
    avatarUploadEndpoint(services.self.profiles, services.albums),
    ...videoUploadEndpoints(services.videos),
  ];
  const endpoints: Endpoint[] = [...systemRoutes({ config, health, ready, realtimePort: () => wsPort }), ...apiEndpoints(services)];
  endpoints.push(openApiRoute(() => [...endpoints, ...uploadEndpoints]));
  const app = createHttpApp({
    config,
    logger,
    endpoints,
    authenticate,
    rateLimits,
    idempotency,
    idempotencyKeysPerUser: config.idempotencyKeysPerUser,
    clientDir: options.clientDir ?? path.resolve('dist/client'),
    metricsMiddleware: metrics.httpMiddleware(),
    rawRoutes: (router) => mountEndpoints(router, uploadEndpoints, { authenticate, rateLimits }),
    outerRoutes: (outer) => {
      photoFileRoutes(services.albums)(outer);
      videoFileRoutes(services.videos)(outer);
      avatarFileRoutes(config.dataDir)(outer);
      services.linkPreviews.routes(outer);
      outer.get('/metrics', metricsRoute(metrics, config.metricsToken));
    },
    allowOrigin,
  });
  httpServer.on('request', app);
  const trustedPeer = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  const connections = guardConnections(httpServer, {
    perAddress: config.connectionsPerAddress,
    exempt: (address) => trustedPeer(address, 0),
  });
  const sockets = engine.capConnections({
    perAddress: config.connectionsPerAddress,
    exempt: (address) => trustedPeer(address, 0),
  });
  metrics.gauge('kj_http_connections', 'HTTP connections open from capped (not trusted-proxy) addresses', () => connections.open);
  metrics.gauge(
    'kj_ws_port_connections_refused',
    'WebSocket upgrades refused on the uws port: their address held CONNECTIONS_PER_ADDRESS sockets there',
    () => sockets.refused,
  );
  metrics.gauge(
    'kj_http_connections_refused',
    'HTTP connections closed on arrival: their address was at CONNECTIONS_PER_ADDRESS',
    () => connections.refused,
  );

  const httpPort = await new Promise<number>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      const address = httpServer.address();
      resolve(typeof address === 'object' && address ? address.port : config.port);
    });
  });
  wsPort = config.engine === 'ws' ? httpPort : await engine.listen();

  const localHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${localHost}:${httpPort}`;
  const realtimeUrl = config.engine === 'ws' ? url : `http://${localHost}:${wsPort}`;
  logger.info({ url, realtimeUrl, engine: config.engine, store: store.description, redis: Boolean(redis) }, 'hub ready');

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    logger.info('hub stopping');
    engine.stopAccepting();
    const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    // Sockets are told why, then their connection is closed so clients reconnect (to another node).
    const open = [...io.of('/').sockets.values()];
    // Their disconnect handlers (presence, games) must have run before the services and the store close.
    const socketsGone = Promise.all(
      open.map((socket) => new Promise<void>((resolve) => (socket.connected ? socket.once('disconnect', () => resolve()) : resolve()))),
    );
    for (const socket of open) {
      socket.emit('server:notice', { code: 'shutdown', message: 'this node is stopping; reconnecting' });
      socket.conn.close(); // flushes the notice first; the client sees "transport close" and reconnects
    }
    let graceOver!: () => void;
    const graceEnded = new Promise<void>((resolve) => (graceOver = resolve));
    const grace = setTimeout(() => {
      httpServer.closeAllConnections();
      graceOver();
    }, config.shutdownGraceMs);
    await Promise.race([Promise.all([httpClosed, socketsGone]), graceEnded]);
    await httpClosed;
    clearTimeout(grace);
    await closeServices(services);
    await io.close();
    clusterAdapter?.close();
    await redis?.close();
    await store.close();
    metrics.close();
    logger.info('hub stopped');
  }

  return {
    config,
    logger,
    services,
    passwords,
    url,
    realtimeUrl,
    httpPort,
    wsPort,
    health,
    routes: [...endpoints, ...uploadEndpoints].map((e) => ({ method: e.method, path: e.path, auth: e.auth })),
    close: () => (closing ??= close()),
  };
}
