/** The Express app: security headers, CORS, the REST API under /api, and the web client. */
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config.js';
import { notFound } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Endpoint } from './endpoint.js';
import { errorHandler } from './error-handler.js';
import { mountEndpoints, type MountDeps } from './mount.js';
import { requestLog } from './request-log.js';
import { staticClient } from './static-client.js';

export interface HttpAppDeps extends MountDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly endpoints: readonly Endpoint[];
  /** Extra handlers mounted under /api before the JSON endpoints (e.g. streaming uploads). */
  readonly rawRoutes?: (router: express.Router) => void;
  /** Handlers outside /api (e.g. photo files, /metrics). */
  readonly outerRoutes?: (app: Express) => void;
  /** The built web client; served at / with the app's routes falling back to index.html. */
  readonly clientDir: string;
  readonly allowOrigin: (origin: string | undefined) => boolean;
  /** Times every request (metrics). */
  readonly metricsMiddleware?: RequestHandler;
}

function cors(allowOrigin: HttpAppDeps['allowOrigin']): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin && allowOrigin(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Request-Id, Idempotency-Key');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Only the proxies TRUST_PROXY names may set X-Forwarded-For/-Host/-Proto; by default no peer may,
  // so a client cannot pick its own address for the per-address limits or its host for /api/config.
  const trust = deps.config.trustProxy;
  app.set('trust proxy', typeof trust === 'object' ? [...trust] : trust); // a list: a mutable copy for Express
  app.set('query parser', 'simple');
  app.use(requestLog(deps.logger));
  if (deps.metricsMiddleware) app.use(deps.metricsMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'connect-src': ["'self'", 'ws:', 'wss:', `http://*:${deps.config.wsPort}`, `https://*:${deps.config.wsPort}`],
          'img-src': ["'self'", 'data:', 'blob:', 'https:'],
          'media-src': ["'self'", 'https:', 'http:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          // helmet adds upgrade-insecure-requests by default: a browser that opened http://<lan-ip>:3000
          // would then fetch the scripts over https and show a blank page. An HTTPS proxy in front
          // can add it (deploy/nginx.conf); the hub itself serves plain HTTP.
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );

  const api = express.Router();
  api.use(cors(deps.allowOrigin));
  deps.rawRoutes?.(api);
  // No body parser here: each endpoint reads its own JSON body within its limit (mount.ts, json-body.ts).
  mountEndpoints(api, deps.endpoints, deps);
  api.use((_req, _res, next) => next(notFound('endpoint')));
  app.use('/api', api);

  deps.outerRoutes?.(app);
  serveClient(app, deps.clientDir);
  app.use(errorHandler(deps.logger));
  return app;
}

/** Serves the built client (precompressed, cached by kind; see ./static-client.ts); unknown HTML GETs get index.html. */
function serveClient(app: Express, clientDir: string): void {
  app.use(staticClient(clientDir));
}
