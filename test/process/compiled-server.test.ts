/**
 * `npm run build:server` compiles the server to JavaScript, and the compiled server runs on plain
 * `node` (no tsx at run time, as in the container image): it starts, answers /api/livez, stops on SIGTERM.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, waitFor } from '../helpers/index.js';

const run = promisify(execFile);
// Inside the project, so the compiled files resolve node_modules as dist/ does.
const outDir = path.join('dist', `.build-test-${randomBytes(4).toString('hex')}`);
const dataDir = path.join(os.tmpdir(), `kj-compiled-${randomBytes(4).toString('hex')}`);

afterAll(async () => {
  await fs.rm(outDir, { recursive: true, force: true });
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('the compiled server', { timeout: 300_000 }, () => {
  it('builds with npm run build:server and serves /api/livez on plain node', async () => {
    await run('npm', ['run', 'build:server', '--', '--outDir', outDir], { timeout: 240_000 });
    const main = path.join(outDir, 'server', 'main.js');
    expect((await fs.stat(main)).isFile()).toBe(true);
    expect(await fs.readFile(main, 'utf8')).not.toMatch(/from ['"][^'"]+\.ts['"]/);

    const [port, wsPort] = [await freePort(), await freePort()];
    const hub = spawn(process.execPath, [main, '--no-client-build'], {
      env: { ...process.env, NODE_OPTIONS: '', PORT: String(port), WS_PORT: String(wsPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    hub.stdout.on('data', (d: Buffer) => (output += d.toString()));
    hub.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => hub.once('exit', (code) => resolve(code)));
    try {
      const live = await waitFor(
        async () => {
          const res = await fetch(`http://127.0.0.1:${port}/api/livez`).catch(() => undefined);
          return res?.ok ? res : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 200, what: '/api/livez' },
      ).catch((err: unknown) => {
        throw new Error(`${String(err)}\n${output}`);
      });
      expect(await live.json()).toMatchObject({ ok: true });
      expect((await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()).engine).toBe('uws');
      hub.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (hub.exitCode === null) hub.kill('SIGKILL');
    }
  }, 300_000);
});
