/**
 * `npm run docs:api`: writes docs/api.md from the declarations. Starts a hub in-process on free ports
 * (its own data directory, no client) to read the OpenAPI document its mounted endpoints make.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from './cli-args.js';
import type { OpenApiDocument } from './docs-api/render.js';

export const apiDocPath = path.resolve(import.meta.dirname, '../docs/api.md');

async function main(): Promise<void> {
  cli(
    {
      command: 'npm run docs:api --',
      usage:
        'usage: npm run docs:api\n\nStarts a hub in-process on free ports and writes docs/api.md from its OpenAPI document and the event declarations.',
      options: {},
    },
    () => undefined,
  );
  // The hub is loaded only after the arguments are read: `--help` and a bad flag start nothing.
  const [{ startHub }, { loadConfig }, { renderApiDoc }] = await Promise.all([
    import('../server/app.js'),
    import('../server/config.js'),
    import('./docs-api/render.js'),
  ]);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-docs-'));
  const config = loadConfig({
    PORT: '0',
    WS_PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SECRET: 'docs-secret-0123456789abcdef',
  });
  const hub = await startHub(config, { clientDir: path.join(dataDir, 'no-client') });
  try {
    const res = await fetch(`${hub.url}/api/openapi.json`);
    const document = (await res.json()) as OpenApiDocument;
    await fs.writeFile(apiDocPath, renderApiDoc(document));
    console.log(`wrote ${path.relative(process.cwd(), apiDocPath)}`);
  } finally {
    await hub.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) await main();
