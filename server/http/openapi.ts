/**
 * The API document (OpenAPI 3.1) built from the endpoint declarations themselves: the zod schemas
 * that validate a request are the ones the document shows, so the two cannot drift apart.
 */
import { z } from 'zod';
import { errorStatus, type ErrorCode } from '../../shared/errors.js';
import { namedObjectRegistry } from '../../shared/schemas/dto/named.js';
import { apiRoutes, type RouteKey, type RouteShape } from '../../shared/api-routes.js';
import { everyRoute, type RouteErrors } from '../../shared/route-errors.js';
import type { Endpoint } from './endpoint.js';
import { operationNotes, tagDescriptions, tagOf } from './openapi-operations.js';

type JsonSchema = Record<string, unknown>;

/**
 * A schema as JSON Schema. Answers (`output`) name the objects of shared/schemas/dto/objects.ts: each
 * becomes `#/components/schemas/<Name>` (collected into `components`), so a post is described once.
 */
function schemaOf(schema: z.ZodType, io: 'input' | 'output', components?: Record<string, JsonSchema>): JsonSchema {
  const named = io === 'output' && components !== undefined;
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    reused: 'inline',
    ...(named ? { metadata: namedObjectRegistry } : {}),
  }) as JsonSchema;
  const {
    $schema: _dialect,
    $defs,
    ...rest
  } = JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  if (named) Object.assign(components, $defs as Record<string, JsonSchema> | undefined);
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

/**
 * Each error code has its own status, so each is one shared response (`#/components/responses/<code>`);
 * the operation's reference says when this one answers it.
 */
function errorResponses(errors: RouteErrors): Record<string, JsonSchema> {
  return Object.fromEntries(
    (Object.entries(errors) as Array<[ErrorCode, string]>).map(([code, when]) => [
      String(errorStatus[code]),
      { $ref: `#/components/responses/${code}`, description: `${code}: ${when}` },
    ]),
  );
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

/** The errors a route declares (shared/api-routes.ts), after those any route may answer. */
export function declaredErrors(endpoint: Endpoint): RouteErrors {
  const route = apiRoutes[routeKeyOf(endpoint)] as RouteShape | undefined;
  return { ...everyRoute, ...route?.errors };
}

/** A signed-in POST may carry Idempotency-Key (not uploads, whose bodies are streamed). */
const isIdempotent = (endpoint: Endpoint) => endpoint.method === 'post' && Boolean(endpoint.auth) && !endpoint.doc.upload;

const routeKeyOf = (endpoint: Endpoint) => `${endpoint.method.toUpperCase()} ${endpoint.path}` as RouteKey;

const successMeaning: Readonly<Record<number, string>> = {
  201: 'created',
  202: 'held for a moderator: stored, seen by its author only until approved',
  204: 'done',
  503: 'not ready: names what is down',
};

function operationOf(endpoint: Endpoint, schemas: Record<string, JsonSchema>): JsonSchema {
  const { doc } = endpoint;
  const statuses = doc.statuses;
  const successBody = doc.response
    ? { content: { 'application/json': { schema: schemaOf(doc.response, 'output', schemas) } } }
    : statuses.every((status) => status === 204)
      ? {}
      : { content: { 'application/json': { schema: { type: 'object' } } } };
  const path = openApiPath(endpoint.path);
  return {
    operationId: `${endpoint.method}${path
      .replace(/[{}]/g, '')
      .replace(/\/(\w)/g, (_m, c: string) => c.toUpperCase())
      .replace(/\W/g, '')}`,
    summary: doc.summary ?? operationNotes[routeKeyOf(endpoint)]?.summary ?? `${endpoint.method.toUpperCase()} /api${path}`,
    tags: [tagOf(path)],
    security: endpoint.auth ? [{ bearer: [] }] : [],
    ...(endpoint.auth === 'moderator' ? { 'x-role': 'moderator' } : {}),
    parameters: [...parametersOf(endpoint), ...(isIdempotent(endpoint) ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : [])],
    ...requestBodyOf(endpoint),
    responses: {
      ...Object.fromEntries(
        statuses.map((status) => [
          String(status),
          {
            description: successMeaning[status] ?? 'success',
            ...(isIdempotent(endpoint) ? { headers: { 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } } } : {}),
            ...successBody,
          },
        ]),
      ),
      // A probe's 503 is its own report (what is down), not the error shape.
      ...errorResponses(
        Object.fromEntries(Object.entries(declaredErrors(endpoint)).filter(([code]) => !statuses.includes(errorStatus[code as ErrorCode]))),
      ),
    },
  };
}

/**
 * Path and query parameters used by more than one operation become `#/components/parameters/<name>`
 * (`handle`, `limit`…; a second, different parameter of the same name gets a suffix).
 */
function shareParameters(paths: Record<string, Record<string, JsonSchema>>): Record<string, JsonSchema> {
  const operations = Object.values(paths).flatMap((ops) => Object.values(ops));
  const uses = new Map<string, number>();
  for (const op of operations)
    for (const p of op.parameters as JsonSchema[]) if (!p.$ref) uses.set(JSON.stringify(p), (uses.get(JSON.stringify(p)) ?? 0) + 1);
  const shared: Record<string, JsonSchema> = {};
  const names = new Map<string, string>();
  for (const [json, count] of uses) {
    if (count < 2) continue;
    const p = JSON.parse(json) as { name: string; in: string };
    const base = `${p.name}${p.in === 'path' ? '' : 'Query'}`;
    let name = base;
    for (let n = 2; name in shared; n += 1) name = `${base}${n}`;
    shared[name] = p;
    names.set(json, name);
  }
  for (const op of operations)
    op.parameters = (op.parameters as JsonSchema[]).map((p) => {
      const name = names.get(JSON.stringify(p));
      return name ? { $ref: `#/components/parameters/${name}` } : p;
    });
  return shared;
}

export function buildOpenApi(endpoints: readonly Endpoint[], version = '1.1'): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const schemas: Record<string, JsonSchema> = {};
  const at = (path: string) => (paths[`/api${openApiPath(path)}`] ??= {});
  for (const endpoint of endpoints) at(endpoint.path)[endpoint.method] = operationOf(endpoint, schemas);
  const sharedParameters = shareParameters(paths);
  const tags = [...new Set(endpoints.map((e) => tagOf(openApiPath(e.path))))]
    .sort()
    .map((name) => ({ name, description: tagDescriptions[name] ?? name }));
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
        ...sharedParameters,
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
      headers: {
        IdempotentReplayed: {
          description:
            'Present (`true`) when this is the kept answer of an earlier request with the same Idempotency-Key; nothing ran again.',
          schema: { type: 'string', enum: ['true'] },
        },
      },
      responses: Object.fromEntries(
        (Object.keys(errorStatus) as ErrorCode[]).map((code) => [
          code,
          { description: errorMeaning[code], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        ]),
      ),
      schemas: {
        ...Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
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
