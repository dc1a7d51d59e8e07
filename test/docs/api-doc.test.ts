import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { apiDocPath } from '../../scripts/docs-api.js';
import { renderApiDoc, type OpenApiDocument } from '../../scripts/docs-api/render.js';
import { apiRoutes } from '../../shared/api-routes.js';
import { clientEvents, serverEvents } from '../../shared/schemas/events.js';
import { useTestHub } from '../helpers/index.js';

describe('docs/api.md', () => {
  const hub = useTestHub();

  it('is what `npm run docs:api` writes from the declarations today', async () => {
    const document = (await (await fetch(`${hub.url}/api/openapi.json`)).json()) as OpenApiDocument;
    const written = await fs.readFile(apiDocPath, 'utf8');
    expect(written, 'docs/api.md is stale: run npm run docs:api').toBe(renderApiDoc(document));
  });

  it('lists every endpoint and every socket event, extensions marked', async () => {
    const written = await fs.readFile(apiDocPath, 'utf8');
    for (const [key, route] of Object.entries(apiRoutes))
      expect(written, key).toContain(`#### \`${route.method.toUpperCase()} /api${route.path}\``);
    for (const name of [...Object.keys(clientEvents), ...Object.keys(serverEvents)]) expect(written, name).toContain(`| \`${name}\``);
    expect(written).toContain('#### `PUT /api/albums/shuoshuo` *(extension)*');
    expect(written).toContain('| `ping` *(extension)* |');
    expect(written).toMatch(/#### `POST \/api\/posts`\n/);
  });
});
