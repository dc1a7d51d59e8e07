/** `GET /api/health` and `GET /api/config` (contract: "Processes and configuration"). */
import type { Request } from 'express';
import type { Config } from '../config.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';

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
    defineEndpoint({
      method: 'get',
      path: '/health',
      auth: false,
      status: (report: HealthReport) => (report.ok ? 200 : 503),
      handler: () => deps.health(),
    }),
    defineEndpoint({
      method: 'get',
      path: '/config',
      auth: false,
      handler: async ({ req }) => ({ realtimeUrl: realtimeUrlFor(req, deps) }),
    }),
  ];
}
