/**
 * The production web client, built once per test run for every browser test file and the
 * static-client test: the first file to ask builds it into the run's folder
 * (test/setup/client-build-folder.ts), the others (in other workers) wait for its `ready` or `failed`
 * mark. A vite build per file cost 10–20 s each.
 */
import { existsSync, watch } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';

type Mark = 'ready' | 'failed';
const marks: readonly Mark[] = ['ready', 'failed'];

/** Resolves with the first mark that exists in `root`, now or once it is written. */
function markIn(root: string): Promise<Mark> {
  return new Promise((resolve) => {
    const watcher = watch(root, (_event, name) => {
      if (name === 'ready' || name === 'failed') done(name);
    });
    const done = (mark: Mark) => {
      watcher.close();
      resolve(mark);
    };
    // Watching first, then looking: a mark written in between is seen either way.
    const present = marks.find((m) => existsSync(path.join(root, m)));
    if (present) done(present);
  });
}

async function build(outDir: string): Promise<void> {
  const { build: viteBuild } = await import('vite');
  await viteBuild({
    configFile: path.resolve('client/vite.config.ts'),
    logLevel: 'warn',
    // The config's own build settings (no source map, precompressed twins): the static-client test checks them on this build.
    build: { outDir, emptyOutDir: true },
    // Vitest sets NODE_ENV=test, which would make Vite pick packages' development builds (Lit's dev mode:
    // slower, and warnings in the console); test the production client.
    resolve: { conditions: ['module', 'browser', 'production'] },
  });
}

/** The folder holding the built client. */
export async function builtClient(): Promise<string> {
  const root = inject('e2eClientRoot');
  const outDir = path.join(root, 'client');
  const claimed = await fs.mkdir(path.join(root, 'building')).then(
    () => true,
    () => false,
  );
  if (claimed) {
    try {
      await build(outDir);
      await fs.writeFile(path.join(root, 'ready'), '');
    } catch (err) {
      await fs.writeFile(path.join(root, 'failed'), err instanceof Error ? (err.stack ?? err.message) : String(err));
      throw err;
    }
    return outDir;
  }
  if ((await markIn(root)) === 'failed') {
    throw new Error(`the client build failed in another test file:\n${await fs.readFile(path.join(root, 'failed'), 'utf8')}`);
  }
  return outDir;
}
