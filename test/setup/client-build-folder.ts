/**
 * Vitest global set-up: one folder per test run for the web client that the browser tests share
 * (test/e2e/client-once.ts builds it there on first use, so a run without browser tests builds
 * nothing), removed when the run ends.
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-e2e-client-'));
  project.provide('e2eClientRoot', root);
  return () => fs.rm(root, { recursive: true, force: true });
}
