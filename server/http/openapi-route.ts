/** `GET /api/openapi.json` (contract v1.1): the document of every mounted endpoint, built once. */
import { defineEndpoint, type Endpoint } from './endpoint.js';
import { apiRoutes } from '../../shared/api-routes.js';
import { buildOpenApi } from './openapi.js';

export function openApiRoute(mounted: () => readonly Endpoint[]): Endpoint {
  let document: Record<string, unknown> | undefined;
  return defineEndpoint({
    ...apiRoutes['GET /openapi.json'],
    summary: 'This document',
    handler: () => Promise.resolve((document ??= buildOpenApi(mounted()))),
  });
}
