/**
 * `npm start` serves the built web client: build it with Vite when it has not been built yet, or
 * when any of its sources (client/, shared/) is newer than the build, so a pulled change never
 * serves a stale client.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from './logger.js';

const sourceRoots = ['client', 'shared'] as const;
const ignored = new Set(['node_modules', 'dist']);

/** The newest modification time (ms) of any file below `dir`, or 0 when it has none. */
export function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (ignored.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/** Whether the build in `clientDir` is missing or older than its sources under `root`. */
export function clientBuildIsStale(clientDir: string, root = process.cwd()): boolean {
  const index = path.join(clientDir, 'index.html');
  if (!fs.existsSync(index)) return true;
  const builtAt = fs.statSync(index).mtimeMs;
  return sourceRoots.some((dir) => newestMtime(path.join(root, dir)) > builtAt);
}

export async function ensureClientBuilt(clientDir: string, logger: Logger): Promise<void> {
  if (!clientBuildIsStale(clientDir)) return;
  logger.info({ clientDir }, 'building the web client (missing or older than its sources)');
  const { build } = await import('vite');
  await build({ configFile: path.resolve('client/vite.config.ts'), logLevel: 'warn' });
}
