/**
 * Vitest global set-up: one folder per test run for the web client that the browser tests and the
 * static-client test share (test/e2e/client-once.ts builds it there on first use, so a run without
 * them builds nothing), removed when the run ends.
 *
 * Both projects run this set-up in the one Vitest process; the first makes the folder and the other
 * reuses it (kept on globalThis: each project loads its own copy of this module), so the run builds
 * the client once, not once per project.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's folder for the browser tests' client build. */
    e2eClientRoot: string;
  }
}

interface SharedFolder {
  readonly root: Promise<string>;
  users: number;
}

const key = Symbol.for('kongjian.test.clientBuildFolder');
const holder = globalThis as { [key]?: SharedFolder };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = (holder[key] ??= { root: fs.mkdtemp(path.join(os.tmpdir(), 'kj-e2e-client-')), users: 0 });
  shared.users += 1;
  const root = await shared.root;
  project.provide('e2eClientRoot', root);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete holder[key];
    await fs.rm(root, { recursive: true, force: true });
  };
}
