/**
 * Endpoints declare, in one place next to their handler, their input schemas, whether they need a
 * signed-in user, their rate limit and their success status. `mountEndpoints` does the rest.
 */
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { parseInput } from '../validation.js';
import { defaultBodyLimit } from './json-body.js';
import type { Viewer } from '../modules/accounts/viewer.js';
import { forbidden, unauthorized } from '../errors.js';
import type { RateLimitRule } from '../rate-limits.js';
import type { ErrorCode } from '../../shared/errors.js';
import type { RouteErrors } from '../../shared/route-errors.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call an endpoint: true, a signed-in user (else 401); 'moderator', a signed-in moderator
 * (else 401, then 403); false, anyone (the viewer may be null). Checked once, before the input.
 */
export type Access = boolean | 'moderator';

type ViewerFor<A extends Access> = A extends false ? Viewer | null : Viewer;

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface EndpointInput<B, Q, P, V> {
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  readonly viewer: V;
  readonly req: Request;
}

export interface EndpointSpec<
  A extends Access,
  BS extends z.ZodType | undefined,
  QS extends z.ZodType | undefined,
  PS extends z.ZodType | undefined,
  R,
> {
  readonly method: Method;
  readonly path: string;
  /** true: answer 401 without a valid token. 'moderator': also 403 unless a moderator. false: the viewer may be anonymous (null). */
  readonly auth: A;
  readonly body?: BS;
  readonly query?: QS;
  readonly params?: PS;
  /** Limits calls per signed-in user (or per IP for anonymous callers). */
  readonly rateLimit?: RateLimitRule;
  /** Largest JSON body accepted, in bytes (default `defaultBodyLimit`, 16 KiB); a larger one answers 413 unread. */
  readonly bodyLimit?: number;
  /** Success status: a number, or chosen from the result (e.g. 202 for a held post). Default 200; 204 sends no body. */
  readonly status?: number | ((result: R) => number);
  /** Every status a `status` function may choose, for the API document (required with one). */
  readonly statuses?: readonly number[];
  /** One line for the API document (GET /api/openapi.json). */
  readonly summary?: string;
  /** The answer's shape, for the API document; the handler's result must fit it. */
  readonly response?: z.ZodType<NoInfer<R>>;
  /**
   * The contract's declaration of the errors it answers (shared/api-routes.ts; the API document lists that one), or
   * the server's own list of codes (the upload routes keep theirs; their contract entries declare the same).
   */
  readonly errors?: RouteErrors | readonly ErrorCode[];
  /** The body is a multipart/form-data upload with one file in this field (read by the handler). */
  readonly upload?: { readonly field: string };
  readonly handler: (input: EndpointInput<Out<BS>, Out<QS>, Out<PS>, ViewerFor<A>>) => Promise<R>;
}

/** A declared endpoint, erased to what the mounting code needs. */
export interface Endpoint {
  readonly method: Method;
  readonly path: string;
  readonly auth: Access;
  readonly rateLimit?: RateLimitRule;
  /** Largest JSON body accepted, in bytes. */
  readonly bodyLimit: number;
  /** What the API document says of it: the same schemas that validate its input. */
  readonly doc: EndpointDoc;
  /** Runs the handler and says what to answer, without sending it (idempotent replays keep it). */
  answer(req: Request, viewer: Viewer | null): Promise<EndpointAnswer>;
  run(req: Request, res: Response, viewer: Viewer | null): Promise<void>;
}

export interface EndpointDoc {
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly params?: z.ZodType;
  readonly response?: z.ZodType;
  /** The success statuses: the fixed one, or every one a status function may choose. */
  readonly statuses: readonly number[];
  readonly summary?: string;
  /** The server's own list of codes, if it gives one (the API document reads the contract's declaration). */
  readonly errors?: readonly ErrorCode[];
  readonly upload?: { readonly field: string };
}

/** A success answer: its status and JSON body (undefined: no body). */
export interface EndpointAnswer {
  readonly status: number;
  readonly body: unknown;
}

export function sendAnswer(res: Response, answer: EndpointAnswer): void {
  if (answer.body === undefined) res.status(answer.status).end();
  else res.status(answer.status).json(answer.body);
}

function statusesOf(spec: {
  readonly method: Method;
  readonly path: string;
  readonly status?: unknown;
  readonly statuses?: readonly number[];
}) {
  if (typeof spec.status === 'number') return [spec.status];
  if (typeof spec.status !== 'function') return [200];
  if (!spec.statuses?.length) throw new Error(`${spec.method} ${spec.path}: a status function needs \`statuses\` (for the API document)`);
  return spec.statuses;
}

export function defineEndpoint<
  A extends Access,
  BS extends z.ZodType | undefined = undefined,
  QS extends z.ZodType | undefined = undefined,
  PS extends z.ZodType | undefined = undefined,
  R = unknown,
>(spec: EndpointSpec<A, BS, QS, PS, R>): Endpoint {
  return {
    method: spec.method,
    path: spec.path,
    auth: spec.auth,
    ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}),
    bodyLimit: spec.bodyLimit ?? defaultBodyLimit,
    doc: {
      ...(spec.body ? { body: spec.body } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.response ? { response: spec.response } : {}),
      statuses: statusesOf(spec),
      ...(spec.summary ? { summary: spec.summary } : {}),
      ...(isCodeList(spec.errors) ? { errors: spec.errors } : {}),
      ...(spec.upload ? { upload: spec.upload } : {}),
    },
    async run(req, res, viewer) {
      sendAnswer(res, await this.answer(req, viewer));
    },
    async answer(req, viewer) {
      if (spec.auth && !viewer) throw unauthorized();
      if (spec.auth === 'moderator' && viewer?.role !== 'moderator') throw forbidden('moderators only');
      const input = {
        body: (spec.body ? parseInput(spec.body, req.body ?? {}, 'body') : undefined) as Out<BS>,
        query: (spec.query ? parseInput(spec.query, { ...req.query }, 'query') : undefined) as Out<QS>,
        params: (spec.params ? parseInput(spec.params, { ...req.params }, 'path') : undefined) as Out<PS>,
        viewer: viewer as ViewerFor<A>,
        req,
      };
      const result = await spec.handler(input);
      const status = typeof spec.status === 'function' ? spec.status(result) : (spec.status ?? 200);
      if (status === 204 || result === undefined) return { status: status === 200 ? 204 : status, body: undefined };
      return { status, body: result };
    },
  };
}

export type EndpointMounter = (router: Router, endpoints: readonly Endpoint[]) => void;

const isCodeList = (errors: RouteErrors | readonly ErrorCode[] | undefined): errors is readonly ErrorCode[] => Array.isArray(errors);
