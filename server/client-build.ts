/** `npm start` on a fresh clone: build the web client with Vite if it has not been built yet. */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from './logger.js';

export async function ensureClientBuilt(clientDir: string, logger: Logger): Promise<void> {
  if (fs.existsSync(path.join(clientDir, 'index.html'))) return;
  logger.info({ clientDir }, 'building the web client (first start)');
  const { build } = await import('vite');
  await build({ configFile: path.resolve('client/vite.config.ts'), logLevel: 'warn' });
}
