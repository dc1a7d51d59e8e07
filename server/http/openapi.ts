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

function errorResponses(codes: readonly ErrorCode[]): Record<string, JsonSchema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      { description: list.join(', '), content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );
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
  const statuses = doc.status === undefined ? [200, 202] : [success];
  const codes: ErrorCode[] = [
    ...commonErrors,
    ...(endpoint.auth ? (['unauthorized'] as const) : []),
    ...(endpoint.auth === 'moderator' ? (['forbidden'] as const) : []),
    ...(doc.errors ?? []),
  ];
  return {
    operationId: `${endpoint.method}${openApiPath(endpoint.path)
      .replace(/[{}]/g, '')
      .replace(/\/(\w)/g, (_m, c: string) => c.toUpperCase())
      .replace(/\W/g, '')}`,
    ...(doc.summary ? { summary: doc.summary } : {}),
    ...(endpoint.auth ? { security: [{ bearer: [] }] } : {}),
    ...(endpoint.auth === 'moderator' ? { 'x-role': 'moderator' } : {}),
    parameters: parametersOf(endpoint),
    ...requestBodyOf(endpoint),
    responses: {
      ...Object.fromEntries(
        statuses.map((status) => [String(status), { description: status === 204 ? 'done' : 'success', ...successBody }]),
      ),
      ...errorResponses(codes),
    },
  };
}

export function buildOpenApi(endpoints: readonly Endpoint[], version = '1.1'): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const at = (path: string) => (paths[`/api${openApiPath(path)}`] ??= {});
  for (const endpoint of endpoints) at(endpoint.path)[endpoint.method] = operationOf(endpoint);
  return {
    openapi: '3.1.0',
    info: { title: 'Kongjian (空间) hub API', version, description: 'REST under /api; live events over Socket.IO (see docs/api.md).' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
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
