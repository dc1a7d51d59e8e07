/** Mounts declared endpoints on a router: authentication, rate limit, then the handler. */
import type { NextFunction, Request, Response, Router } from 'express';
import { unauthorized } from '../errors.js';
import type { Viewer } from '../modules/accounts/viewer.js';
import type { RateLimits } from '../rate-limits.js';
import type { Endpoint } from './endpoint.js';

export interface MountDeps {
  readonly authenticate: (token: string | undefined) => Promise<Viewer | null>;
  readonly rateLimits: RateLimits;
}

/** The viewer behind `Authorization: Bearer …`; a header that is present but bad answers 401. */
async function viewerOf(req: Request, authenticate: MountDeps['authenticate']): Promise<Viewer | null> {
  const header = req.get('authorization');
  if (!header) return null;
  const match = /^Bearer ([\w.-]{1,512})$/.exec(header);
  const viewer = match ? await authenticate(match[1]) : null;
  if (!viewer) throw unauthorized('the token is invalid or expired');
  return viewer;
}

export function mountEndpoints(router: Router, endpoints: readonly Endpoint[], deps: MountDeps): void {
  for (const endpoint of endpoints) {
    router[endpoint.method](endpoint.path, (req: Request, res: Response, next: NextFunction) => {
      (async () => {
        const viewer = await viewerOf(req, deps.authenticate);
        if (endpoint.rateLimit) await deps.rateLimits.consume(endpoint.rateLimit, viewer?.id ?? `ip:${req.ip}`);
        await endpoint.run(req, res, viewer);
      })().catch(next);
    });
  }
}
