/** `GET /api/openapi.json` (contract v1.1): the document of every mounted endpoint, built once. */
import { defineEndpoint, type Endpoint } from './endpoint.js';
import { buildOpenApi } from './openapi.js';
import * as responses from '../../shared/schemas/dto/responses.js';

export function openApiRoute(mounted: () => readonly Endpoint[]): Endpoint {
  let document: Record<string, unknown> | undefined;
  return defineEndpoint({
    method: 'get',
    path: '/openapi.json',
    auth: false,
    summary: 'This document',
    response: responses.openApi,
    handler: async () => (document ??= buildOpenApi(mounted())),
  });
}
