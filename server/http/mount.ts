/**
 * Mounts declared endpoints on a router: authentication, the anonymous budget, the body (within the
 * endpoint's limit), rate limit, then the handler.
 */
import type { NextFunction, Request, Response, Router } from 'express';
import { unauthorized } from '../errors.js';
import type { Viewer } from '../modules/accounts/viewer.js';
import type { RateLimitRule, RateLimits } from '../rate-limits.js';
import { readJsonBody } from './json-body.js';
import { sendAnswer, type Endpoint, type EndpointAnswer } from './endpoint.js';
import { requestFingerprint, validIdempotencyKey, type IdempotencyStore, type StoredAnswer } from './idempotency/store.js';

export interface MountDeps {
  readonly authenticate: (token: string | undefined) => Promise<Viewer | null>;
  readonly rateLimits: RateLimits;
  /** Where `Idempotency-Key` answers are kept; without it the header is ignored. */
  readonly idempotency?: IdempotencyStore;
  /** New keys one user may have kept per 24 h (IDEMPOTENCY_KEYS_PER_USER; default 1000). */
  readonly idempotencyKeysPerUser?: number;
}

/**
 * New Idempotency-Keys per user in a record's lifetime (24 h): each is a stored record, so this caps a
 * user's live records (at most twice this across a window's edge), also on endpoints with no limit.
 */
const idempotencyKeysRule = (points: number): RateLimitRule => ({ name: 'idempotency-keys', points, perSeconds: 24 * 60 * 60 });

export const httpRules = {
  /**
   * Bodies sent without a token, per address, spent before the body is read: what a stranger may make
   * the hub read and parse (sign-ins and registrations have their own budgets on top).
   */
  anonymousBodies: { name: 'anonymous-body-ip', points: 600, perSeconds: 60 },
} as const satisfies Record<string, RateLimitRule>;

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
        if (!viewer && req.method !== 'GET' && req.method !== 'HEAD') {
          await deps.rateLimits.consume(httpRules.anonymousBodies, `ip:${req.ip}`);
        }
        await readJsonBody(req, endpoint.bodyLimit);
        const key = endpoint.method === 'post' && viewer ? req.get('idempotency-key') : undefined;
        if (key !== undefined && deps.idempotency) return runOnce(endpoint, req, res, viewer!, key, deps);
        if (endpoint.rateLimit) await deps.rateLimits.consume(endpoint.rateLimit, viewer?.id ?? `ip:${req.ip}`);
        await endpoint.run(req, res, viewer);
      })().catch(next);
    });
  }
}

/**
 * A signed-in POST with `Idempotency-Key`: the first request with the key runs and its answer is
 * kept; a repeat (same user, key and request, within 24 h) gets that answer again without running,
 * and without spending rate budget. Failed requests keep nothing, so a retry runs afresh.
 *
 * The budgets are checked before the key is claimed: a request over its endpoint's limit or over
 * the user's key budget stores nothing (it may still be a repeat, which gets its kept answer).
 */
async function runOnce(endpoint: Endpoint, req: Request, res: Response, viewer: Viewer, key: string, deps: MountDeps): Promise<void> {
  const store = deps.idempotency!;
  const keysRule = idempotencyKeysRule(deps.idempotencyKeysPerUser ?? 1000);
  const validKey = validIdempotencyKey(key);
  const fingerprint = requestFingerprint(req.method, req.baseUrl + req.path, req.body);
  const replay = (answer: StoredAnswer) => {
    res.setHeader('Idempotent-Replayed', 'true');
    sendAnswer(res, answer);
  };
  try {
    // Zero-cost spends only check; the points are spent below, once this request is known to be new.
    if (endpoint.rateLimit) await deps.rateLimits.consume(endpoint.rateLimit, viewer.id, 0);
    await deps.rateLimits.consume(keysRule, viewer.id, 0);
  } catch (err) {
    const kept = await store.finished(viewer.id, validKey, fingerprint);
    if (kept) return replay(kept);
    throw err;
  }
  const claim = await store.claim(viewer.id, validKey, fingerprint);
  if (claim.kind === 'replay') return replay(claim.answer);
  let answer: EndpointAnswer;
  try {
    await deps.rateLimits.consume(keysRule, viewer.id);
    if (endpoint.rateLimit) await deps.rateLimits.consume(endpoint.rateLimit, viewer.id);
    answer = await endpoint.answer(req, viewer);
  } catch (err) {
    await claim.abandon().catch(() => undefined);
    throw err;
  }
  // Done is done: if keeping the answer fails, the client still gets it, and the key stays claimed
  // (a retry answers 409) rather than letting a retry create the thing twice.
  await claim.finish(answer).catch(() => undefined);
  sendAnswer(res, answer);
}
