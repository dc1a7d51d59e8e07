/** `npm start` as a user runs it: a real process, health within 10 s, clean SIGTERM. */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, waitFor } from '../helpers/index.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
});

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** The first healthy answer (a refused connection means not listening yet). */
function waitForHealth(url: string, deadlineMs: number): Promise<Response> {
  const healthy = async () => {
    const res = await fetch(url).catch(() => undefined);
    return res?.ok ? res : undefined;
  };
  return waitFor(healthy, {
    timeoutMs: deadlineMs,
    intervalMs: 100,
    what: `a healthy answer from ${url}`,
  });
}

describe('npm start', () => {
  // The 10 s start target is a timing and is reported by the benchmarks; here: it starts, it stops
  // (tsx compiling the server on a busy two-core box has taken over 30 s: the bounds are generous).
  it('serves health on the embedded store and exits 0 on SIGTERM', { timeout: 120_000 }, async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-start-'));
    dirs.push(dataDir);
    const port = await freePort();
    const wsPort = await freePort();
    const server = startServer({ PORT: String(port), WS_PORT: String(wsPort), DATA_DIR: dataDir });
    const res = await waitForHealth(`http://127.0.0.1:${port}/api/health`, 90_000);
    expect(await res.json()).toMatchObject({ ok: true, store: 'up' });
    expect(await fs.readFile(path.join(dataDir, 'secret'), 'utf8')).toMatch(/^[\w-]{32,}$/);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('refuses a bad configuration with a message naming the variable', { timeout: 90_000 }, async () => {
    const server = startServer({ PORT: 'not-a-port' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('PORT');
  });
});
