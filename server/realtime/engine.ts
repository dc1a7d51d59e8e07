/**
 * Socket.IO on one of two engines: uWebSockets.js on its own port (`uws`, the default) or the
 * Node HTTP server itself (`ws`, one port). Everything above this file is engine-agnostic.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import uWS from 'uWebSockets.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createHandshakeGate } from './handshake-gate.js';
import { guardSlowConsumers } from './slow-consumers.js';
import { withNativePublish, type AdapterConstructor, type NativeDeliveryListener } from './uws-adapter.js';
import { InMemoryAdapter, usePlainBroadcast } from './uws-publish.js';
import type { HubServer } from './types.js';
import { assertEngineAvailable } from './uws-native.js';
import { createSocketCap, type SocketCap, type SocketCapOptions } from './uws-connection-cap.js';

export interface RealtimeEngine {
  readonly io: HubServer;
  /** Starts accepting sockets (on the uws engine: its own port); resolves to the port. */
  listen(): Promise<number>;
  /** Stops accepting new connections; existing sockets stay until `io` closes them. */
  stopAccepting(): void;
  /**
   * Sets the Socket.IO adapter (e.g. the Redis one). Use this, not `io.adapter(...)`: on the uws
   * engine the adapter is wrapped so that single-room broadcasts are published natively.
   */
  useAdapter(adapter: AdapterConstructor): void;
  /**
   * Told of deliveries that bypass engine.io (uws native publish), which per-socket listeners never
   * see: the event and how many sockets of this node it reached. Never called on the ws engine.
   */
  onNativeDeliveries(listener: NativeDeliveryListener): void;
  /** Told of each handshake refused because its address spent its budget (`socket-handshakes`). */
  onHandshakeRefused(listener: (limit: string) => void): void;
  /**
   * Caps the WebSockets one address holds open on the uws engine's port (CONNECTIONS_PER_ADDRESS, as
   * the HTTP port); the ws engine's sockets are HTTP connections, capped there already.
   */
  capConnections(options: SocketCapOptions): SocketCapCounts;
}

export type SocketCapCounts = Pick<SocketCap, 'open' | 'refused'>;

export function createRealtimeEngine(
  config: Config,
  httpServer: HttpServer,
  allowOrigin: (origin: string | undefined) => boolean,
  logger?: Logger,
): RealtimeEngine {
  const handshakes = createHandshakeGate(config.socketHandshakes);
  const guard = (io: HubServer) => guardSlowConsumers(io, { maxBufferedBytes: config.socketMaxBufferBytes, ...(logger ? { logger } : {}) });
  const options: Partial<ServerOptions> = {
    serveClient: false,
    maxHttpBufferSize: config.socketMaxMessageBytes,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    connectTimeout: 10_000,
    allowRequest: handshakes.allowRequest,
    cors: {
      origin: (origin, callback) => callback(null, allowOrigin(origin)),
      methods: ['GET', 'POST'],
    },
  };

  if (config.engine === 'ws') {
    const io: HubServer = new Server(httpServer, options);
    guard(io);
    handshakes.watch(io);
    return {
      io,
      listen: () => Promise.resolve(config.port),
      stopAccepting: () => undefined,
      useAdapter: (adapter) => void io.adapter(adapter),
      onNativeDeliveries: () => undefined,
      onHandshakeRefused: (listener) => handshakes.onRefused(listener),
      capConnections: () => ({ open: 0, refused: 0 }),
    };
  }

  assertEngineAvailable(config.engine); // never run the ws shim while calling it uws
  const app = uWS.App();
  const cap = createSocketCap();
  const io: HubServer = new Server(options);
  guard(io);
  // A socket whose backlog passes maxBackpressure is closed by uWS (it reconnects and catches up)
  // instead of silently skipped: natively published broadcasts bypass slow-consumers.ts, so uWS
  // itself must enforce the limit. engine.io does not pass this option on, hence the wrapper.
  const appForEngine = {
    any: (...args: Parameters<uWS.TemplatedApp['any']>) => (app.any(...args), appForEngine),
    ws: (pattern: uWS.RecognizedString, behavior: uWS.WebSocketBehavior<unknown>) => (
      app.ws(pattern, cap.wrap({ ...behavior, closeOnBackpressureLimit: 1 })),
      appForEngine
    ),
  };
  io.attachApp(appForEngine, {
    maxBackpressure: config.socketMaxBufferBytes,
    idleTimeout: 0,
    compression: uWS.DISABLED,
  } as Parameters<HubServer['attachApp']>[1]);
  handshakes.watch(io); // once attached: io.engine exists from here on
  usePlainBroadcast();
  const delivered: { listener?: NativeDeliveryListener } = {};
  const useAdapter = (adapter: AdapterConstructor) => void io.adapter(withNativePublish(adapter, app, delivered));
  useAdapter(InMemoryAdapter as unknown as AdapterConstructor);
  let listenSocket: uWS.us_listen_socket | null = null;
  return {
    io,
    listen: () =>
      new Promise((resolve, reject) => {
        const host = config.host === '0.0.0.0' ? '0.0.0.0' : config.host;
        app.listen(host, config.wsPort, (token) => {
          if (!token) return reject(new Error(`cannot listen on WS_PORT ${config.wsPort}`));
          listenSocket = token;
          resolve(uWS.us_socket_local_port(token));
        });
      }),
    stopAccepting: () => {
      if (listenSocket) uWS.us_listen_socket_close(listenSocket);
      listenSocket = null;
    },
    useAdapter,
    onNativeDeliveries: (listener) => void (delivered.listener = listener),
    onHandshakeRefused: (listener) => handshakes.onRefused(listener),
    capConnections: (capOptions) => {
      cap.configure(capOptions);
      return cap;
    },
  };
}
