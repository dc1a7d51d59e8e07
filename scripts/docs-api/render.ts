/**
 * docs/api.md from the declarations: the route table (shared/api-routes.ts) gives each endpoint's
 * auth and schemas, the hub's OpenAPI document (built from the mounted endpoints) its statuses, summary
 * and errors, and shared/schemas/events.ts the socket events. Objects are named after their DTO schema
 * (shared/schemas/dto/objects.ts) and described once.
 */
import { z } from 'zod';
import { apiRoutes, type RouteKey, type RouteShape } from '../../shared/api-routes.js';
import { errorStatus } from '../../shared/errors.js';
import { everyRoute } from '../../shared/route-errors.js';
import { namedObjectRegistry, namedObjects } from '../../shared/schemas/dto/named.js';
import { clientEvents, serverEvents } from '../../shared/schemas/events.js';
import { contractEvents, contractRoutes } from './contract.js';

type Json = Record<string, unknown>;
interface Operation {
  readonly summary?: string;
  readonly responses: Record<string, { readonly description?: string; readonly $ref?: string }>;
}
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
}

/** Every object schema of objects.ts, by its DTO name (`postDto` → `PostDto`). */
const named = namedObjects;
const registry = namedObjectRegistry;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  return z.toJSONSchema(schema, { metadata: registry, io, unrepresentable: 'any' });
}

const limitsOf = (s: Json, min: string, max: string) => {
  const lo = s[min] as number | undefined;
  const hi = s[max] as number | undefined;
  if (lo === undefined && hi === undefined) return '';
  if (lo === hi) return `(${lo})`;
  return `(${lo ?? 0}..${hi ?? ''})`;
};

/** A JSON Schema as one compact line of TypeScript-like text; named objects by name. */
export function shapeOf(s: Json | undefined, defs: Json = {}): string {
  if (!s || Object.keys(s).length === 0) return 'any';
  if (typeof s.$ref === 'string') {
    const name = s.$ref.replace('#/$defs/', '');
    return defs[name] || named.some(([n]) => n === name) ? name : 'any';
  }
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const union = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (union) return union.map((u) => shapeOf(u, defs)).join(' | ');
  if (Array.isArray(s.type)) return s.type.map((t: unknown) => shapeOf({ ...s, type: t }, defs)).join(' | ');
  switch (s.type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Json>;
      const required = new Set((s.required ?? []) as string[]);
      const fields = Object.entries(props).map(
        ([k, v]) =>
          `${k}${required.has(k) ? '' : '?'}: ${shapeOf(v, defs)}${v.default === undefined ? '' : ` = ${JSON.stringify(v.default)}`}`,
      );
      if (fields.length === 0)
        return s.additionalProperties && typeof s.additionalProperties === 'object'
          ? `Record<string, ${shapeOf(s.additionalProperties as Json, defs)}>`
          : '{}';
      return `{ ${fields.join(', ')} }`;
    }
    case 'array':
      return `${shapeOf(s.items as Json, defs).includes(' ') ? `(${shapeOf(s.items as Json, defs)})` : shapeOf(s.items as Json, defs)}[]${limitsOf(s, 'minItems', 'maxItems')}`;
    case 'string':
      return `string${limitsOf(s, 'minLength', 'maxLength')}`;
    case 'integer':
    case 'number':
      return `${s.type}${limitsOf(s, 'minimum', 'maximum')}`;
    default:
      return String(s.type);
  }
}

const show = (schema: z.ZodType | undefined, io: 'input' | 'output') => {
  if (!schema) return undefined;
  const json = jsonSchema(schema, io);
  return shapeOf(json, (json.$defs ?? {}) as Json);
};

const everyRouteText = new Set(Object.entries(everyRoute).map(([code, when]) => `${code}: ${when}`));
const authText = (auth: boolean | 'moderator') => (auth === 'moderator' ? 'moderator' : auth ? 'signed in' : 'anyone');
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const extension = (yes: boolean) => (yes ? ' *(extension)*' : '');

function endpointSection(key: RouteKey, document: OpenApiDocument): string {
  const route = apiRoutes[key];
  const shape: RouteShape = route;
  const op = document.paths[`/api${openApiPath(route.path)}`]?.[route.method];
  const statuses = Object.keys(op?.responses ?? {});
  const success = statuses.filter((s) => s.startsWith('2'));
  // The route's declared errors (shared/api-routes.ts), each with when; those of every route are in the Errors section.
  const errors = statuses
    .filter((s) => !s.startsWith('2'))
    .map((s) => [s, op!.responses[s]!] as const)
    .filter(([, answer]) => answer.$ref !== undefined && !everyRouteText.has(answer.description ?? ''))
    .map(([s, answer]) => `  - ${answer.description!.replace(/^(\w+): /, `\`$1\` ${s}: `)}`);
  const lines = [`#### \`${route.method.toUpperCase()} /api${route.path}\`${extension(!contractRoutes.has(key))}`, ''];
  if (op?.summary && !op.summary.startsWith(`${route.method.toUpperCase()} /api`)) lines.push(op.summary, '');
  lines.push(`- auth: ${authText(route.auth)}`);
  const params = show(shape.params, 'input');
  if (params) lines.push(`- path: \`${params}\``);
  const query = show(shape.query, 'input');
  if (query) lines.push(`- query: \`${query}\``);
  if (shape.upload) lines.push(`- body: multipart/form-data, the file in field \`${shape.upload.field}\``);
  const body = show(shape.body, 'input');
  if (body) lines.push(`- body: \`${body}\``);
  const answer = show(shape.response, 'output');
  lines.push(`- answer: ${success.join(' or ') || '200'}${answer ? ` \`${answer}\`` : ' (no body)'}`);
  if (errors.length) lines.push('- errors:', ...errors);
  return lines.join('\n');
}

function eventRow(name: string, payload: z.ZodType, summary: string, ack?: z.ZodType): string {
  const cells = [`\`${name}\`${extension(!contractEvents.has(name))}`, `\`${show(payload, ack ? 'input' : 'output')}\``];
  if (ack) {
    const fields = show(ack, 'output');
    cells.push(`\`{ ok: true${fields && fields !== '{}' ? `, ${fields.slice(2, -2)}` : ''} }\``);
  }
  cells.push(summary.replace(/\|/g, '\\|'));
  return `| ${cells.join(' | ')} |`;
}

function objectSection(name: string, schema: z.ZodType): string {
  const json = jsonSchema(schema, 'output');
  const defs = (json.$defs ?? {}) as Json;
  return `- **${name}**: \`${shapeOf(defs[name] as Json | undefined, defs)}\``;
}

/** The whole of docs/api.md. */
export function renderApiDoc(document: OpenApiDocument): string {
  const groups = new Map<string, RouteKey[]>();
  for (const key of Object.keys(apiRoutes) as RouteKey[]) {
    const group = apiRoutes[key].path.split('/')[1]!;
    groups.set(group, [...(groups.get(group) ?? []), key]);
  }
  const errorTable = Object.entries(errorStatus).map(([code, status]) => `| \`${code}\` | ${status} |`);
  return [
    '# Kongjian hub API',
    '',
    '<!-- Generated by `npm run docs:api` (scripts/docs-api.ts) from shared/api-routes.ts, the mounted endpoints',
    '     and shared/schemas/events.ts. Do not edit by hand: test/docs/api-doc.test.ts fails when it is stale. -->',
    '',
    'Every endpoint and socket event the hub serves. The promises no declaration expresses (live delivery,',
    'pagination, retries, limits) are in [contract.md](contract.md); what the contract core (v1.1) does not name',
    'is marked *(extension)*. REST is JSON under `/api` (`Authorization: Bearer <token>`);',
    'a signed-in `POST` may carry `Idempotency-Key` (a repeat within 24 h gets the first answer). The same',
    'declarations serve `GET /api/openapi.json` (OpenAPI 3.1) and type `shared/api-client.ts`.',
    '',
    'Shapes read like TypeScript: `?` optional, `= v` a default, `string(1..2000)` a length, `number(0..)` a range;',
    'named objects are listed under [Objects](#objects).',
    '',
    '## Errors',
    '',
    'Every error answer is `{ error: { code, message, fields? } }` (`fields` names what is wrong for `invalid`).',
    'Any endpoint may answer `unauthorized` (a bad token, even where none is needed), `unavailable` (store or Redis down) or',
    '`internal`; each endpoint lists the others it answers and when, as declared in shared/api-routes.ts. `GET /api/openapi.json`',
    "lists each endpoint's errors under their statuses as shared responses named by code (`#/components/responses/not_found`…),",
    'with when as their description.',
    '',
    '| code | status |',
    '| --- | --- |',
    ...errorTable,
    '',
    '## Endpoints',
    '',
    ...[...groups].flatMap(([group, keys]) => [`### /api/${group}`, '', ...keys.flatMap((key) => [endpointSection(key, document), ''])]),
    '## Socket events',
    '',
    'Socket.IO on the realtime port (`GET /api/config` names it), signed in with `auth: { token }`. Every client',
    'event is answered through its acknowledgement: `{ ok: true, ... }` or `{ ok: false, error: { code, message } }`.',
    '',
    '### Client → server',
    '',
    '| event | payload | acknowledgement | what |',
    '| --- | --- | --- | --- |',
    ...Object.entries(clientEvents).map(([name, e]) => eventRow(name, e.payload, e.summary, e.ack)),
    '',
    '### Server → client',
    '',
    '| event | payload | what |',
    '| --- | --- | --- |',
    ...Object.entries(serverEvents).map(([name, e]) => eventRow(name, e.payload, e.summary)),
    '',
    '## Objects',
    '',
    ...named.map(([name, schema]) => objectSection(name, schema)),
    '',
  ].join('\n');
}
