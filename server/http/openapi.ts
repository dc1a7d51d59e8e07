/**
 * The API document (OpenAPI 3.1) built from the endpoint declarations themselves: the zod schemas
 * that validate a request are the ones the document shows, so the two cannot drift apart.
 */
import { z } from 'zod';
import { errorStatus, type ErrorCode } from '../../shared/errors.js';
import type { Endpoint } from './endpoint.js';

type JsonSchema = Record<string, unknown>;

const commonErrors: readonly ErrorCode[] = ['invalid', 'rate_limited', 'internal'];

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
  return rest;
}

/** `/posts/:id/like` → `/posts/{id}/like`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function parametersOf(endpoint: Endpoint): JsonSchema[] {
  const list: JsonSchema[] = [];
  const add = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return;
    const json = schemaOf(schema, 'input');
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      list.push({ name, in: where, required: where === 'path' || required.has(name), schema: property });
    }
  };
  add(endpoint.doc.params, 'path');
  add(endpoint.doc.query, 'query');
  // Express paths name their parameters even where no schema validates them.
  for (const [, name] of endpoint.path.matchAll(/:(\w+)/g)) {
    if (!list.some((p) => p.in === 'path' && p.name === name)) list.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  return list;
}

/** Each error code has its own status, so each is one shared response (`#/components/responses/<code>`). */
function errorResponses(codes: readonly ErrorCode[]): Record<string, JsonSchema> {
  return Object.fromEntries([...new Set(codes)].map((code) => [String(errorStatus[code]), { $ref: `#/components/responses/${code}` }]));
}

const errorMeaning: Readonly<Record<ErrorCode, string>> = {
  invalid: 'invalid: the input breaks its schema; `fields` names what is wrong',
  unauthorized: 'unauthorized: no token, or one that is bad, expired or ended',
  forbidden: 'forbidden: signed in, but not allowed (e.g. moderators only)',
  not_found: 'not_found: nothing there, or nothing the viewer may see (the same answer)',
  conflict: 'conflict: taken, stale, or an Idempotency-Key reused for another request',
  too_large: 'too_large: a body, file or image over its limit, or a quota full',
  unsupported_media: 'unsupported_media: not a kind of content the hub takes',
  blocked: 'blocked: text a keyword rule blocks (the keyword is not named)',
  rate_limited: 'rate_limited: a budget is spent; the message says when to retry',
  unavailable: 'unavailable: the store or Redis does not answer; retry later',
  internal: 'internal: a bug, logged with the request id',
};

/** Writes whose text the keyword rules screen (422 `blocked`): posts, comments, guestbook, names and titles. */
const screenedText: ReadonlySet<string> = new Set([
  'POST /posts',
  'POST /posts/:id/comments',
  'POST /posts/:id/repost',
  'POST /spaces/:handle/guestbook',
  'PATCH /spaces/me',
  'PATCH /me',
  'POST /auth/register',
  'POST /albums',
  'PATCH /photos/:id',
]);

/** Probes whose status follows the answer: 200 ready, 503 not (with the same body naming what is down). */
const probeStatuses: Readonly<Record<string, readonly number[]>> = { '/readyz': [200, 503], '/health': [200, 503] };

/** The first segment of the path, the tag an operation is listed under (`/posts/{id}/like` → `posts`). */
function tagOf(path: string): string {
  return path.split('/')[1] ?? 'system';
}

function requestBodyOf({ doc }: Endpoint): JsonSchema {
  if (doc.upload) {
    const schema = {
      type: 'object',
      required: [doc.upload.field],
      properties: { [doc.upload.field]: { type: 'string', contentMediaType: 'application/octet-stream' } },
    };
    return { requestBody: { required: true, content: { 'multipart/form-data': { schema } } } };
  }
  if (!doc.body) return {};
  return { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(doc.body, 'input') } } } };
}

function operationOf(endpoint: Endpoint): JsonSchema {
  const { doc } = endpoint;
  const success = doc.status ?? 200;
  const successBody = doc.response
    ? { content: { 'application/json': { schema: schemaOf(doc.response, 'output') } } }
    : success === 204
      ? {}
      : { content: { 'application/json': { schema: { type: 'object' } } } };
  const statuses = probeStatuses[endpoint.path] ?? (doc.status === undefined ? [200, 202] : [success]);
  // A signed-in POST may carry Idempotency-Key (not uploads): a key reused for another request is 409.
  const idempotent = endpoint.method === 'post' && Boolean(endpoint.auth) && !doc.upload;
  const codes: ErrorCode[] = [
    ...commonErrors,
    ...(endpoint.auth ? (['unauthorized'] as const) : []),
    ...(endpoint.auth === 'moderator' ? (['forbidden'] as const) : []),
    ...(doc.body ? (['too_large'] as const) : []),
    ...(idempotent ? (['conflict'] as const) : []),
    // An id or handle in the path may name nothing, or nothing the viewer may see: the same 404.
    ...(/:(id|handle|postId|matchId)\b/.test(endpoint.path) ? (['not_found'] as const) : []),
    ...(screenedText.has(`${endpoint.method.toUpperCase()} ${endpoint.path}`) ? (['blocked'] as const) : []),
    ...(doc.errors ?? []),
    'unavailable',
  ];
  const path = openApiPath(endpoint.path);
  return {
    operationId: `${endpoint.method}${openApiPath(endpoint.path)
      .replace(/[{}]/g, '')
      .replace(/\/(\w)/g, (_m, c: string) => c.toUpperCase())
      .replace(/\W/g, '')}`,
    summary: doc.summary ?? `${endpoint.method.toUpperCase()} /api${path}`,
    tags: [tagOf(path)],
    security: endpoint.auth ? [{ bearer: [] }] : [],
    ...(endpoint.auth === 'moderator' ? { 'x-role': 'moderator' } : {}),
    parameters: [...parametersOf(endpoint), ...(idempotent ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : [])],
    ...requestBodyOf(endpoint),
    responses: {
      ...Object.fromEntries(
        statuses.map((status) => [
          String(status),
          { description: status === 204 ? 'done' : status === 503 ? 'not ready: names what is down' : 'success', ...successBody },
        ]),
      ),
      ...errorResponses(codes),
    },
  };
}

export function buildOpenApi(endpoints: readonly Endpoint[], version = '1.1'): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const at = (path: string) => (paths[`/api${openApiPath(path)}`] ??= {});
  for (const endpoint of endpoints) at(endpoint.path)[endpoint.method] = operationOf(endpoint);
  const tags = [...new Set(endpoints.map((e) => tagOf(openApiPath(e.path))))].sort().map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kongjian (空间) hub API',
      version,
      description: 'REST under /api; live events over Socket.IO (docs/api.md); the promises around them in docs/contract.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'the hub that serves this document' }],
    security: [{ bearer: [] }],
    tags,
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/auth/register or /api/auth/login.' },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Any signed-in POST: the same key from the same user within 24 h answers the first answer again (with Idempotent-Replayed: true) ' +
            'and creates nothing twice; reused for a different request, 409 conflict; a failed request keeps nothing.',
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
        },
      },
      responses: Object.fromEntries(
        (Object.keys(errorStatus) as ErrorCode[]).map((code) => [
          code,
          { description: errorMeaning[code], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        ]),
      ),
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: Object.keys(errorStatus) },
                message: { type: 'string' },
                fields: { type: 'object', additionalProperties: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
}
