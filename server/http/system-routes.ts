/**
 * `GET /api/health`, `GET /api/config` (contract: "Processes and configuration") and the probes
 * `GET /api/livez` / `GET /api/readyz` (contract v1.1, "Operations").
 */
import type { Request } from 'express';
import type { Config } from '../config.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';
import { apiRoutes } from '../../shared/api-routes.js';

export interface HealthReport {
  readonly ok: boolean;
  readonly node: string;
  readonly engine: Config['engine'];
  readonly store: 'up' | 'down';
  readonly redis?: 'up' | 'down';
  readonly sockets: number;
  readonly uptimeSeconds: number;
}

export interface SystemDeps {
  readonly config: Config;
  readonly health: () => Promise<HealthReport>;
  /** Whether the store (and Redis, when configured) answer right now. */
  readonly ready: () => Promise<{ readonly store: boolean; readonly redis?: boolean }>;
  /** The port Socket.IO listens on (known once it listens). */
  readonly realtimePort: () => number;
}

export function realtimeUrlFor(req: Request, deps: SystemDeps): string {
  if (deps.config.realtimeUrl) return deps.config.realtimeUrl;
  const origin = `${req.protocol}://${req.hostname.includes(':') ? `[${req.hostname}]` : req.hostname}`;
  return deps.config.engine === 'ws' ? `${origin}${portSuffix(req)}` : `${origin}:${deps.realtimePort()}`;
}

function portSuffix(req: Request): string {
  const host = req.get('host') ?? '';
  const m = /:(\d+)$/.exec(host);
  return m ? `:${m[1]}` : '';
}

export function systemRoutes(deps: SystemDeps): Endpoint[] {
  return [
    // Liveness: the process serves HTTP. No store or Redis call, so a supervisor restarts a wedged
    // process, never a healthy one whose store or Redis blipped.
    defineEndpoint({
      ...apiRoutes['GET /livez'],
      handler: () => Promise.resolve({ ok: true, node: deps.config.nodeId }),
    }),
    // Readiness: may this node take traffic? A proxy stops sending to it while this answers 503.
    defineEndpoint({
      ...apiRoutes['GET /readyz'],
      status: (report: { ok: boolean }) => (report.ok ? 200 : 503),
      statuses: [200, 503],
      handler: async () => {
        const { store, redis } = await deps.ready();
        return {
          ok: store && redis !== false,
          store: store ? 'up' : 'down',
          ...(redis === undefined ? {} : { redis: redis ? 'up' : 'down' }),
        };
      },
    }),
    defineEndpoint({
      ...apiRoutes['GET /health'],
      status: (report: HealthReport) => (report.ok ? 200 : 503),
      statuses: [200, 503],
      handler: () => deps.health(),
    }),
    defineEndpoint({
      ...apiRoutes['GET /config'],
      handler: ({ req }) => Promise.resolve({ realtimeUrl: realtimeUrlFor(req, deps) }),
    }),
  ];
}
