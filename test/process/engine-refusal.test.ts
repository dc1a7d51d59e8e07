/**
 * `REALTIME_ENGINE=uws` without uWebSockets.js's native binary: the process refuses to start and
 * says why, instead of serving sockets through the package's slow JavaScript fallback.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/index.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
});

describe('a hub asked for uws whose native binary is not loaded', { timeout: 90_000 }, () => {
  it('exits 1 with a message naming the engine and the way out', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-engine-'));
    dirs.push(dataDir);
    const [port, wsPort] = [await freePort(), await freePort()];
    // The package's own switch makes it hand out its JavaScript fallback, as on a Node it has no build for.
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--no-client-build'], {
      env: {
        ...process.env,
        UWS_USE_FALLBACK: '1',
        REALTIME_ENGINE: 'uws',
        PORT: String(port),
        WS_PORT: String(wsPort),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(output).toContain("REALTIME_ENGINE=uws needs uWebSockets.js's native binary");
    expect(output).toContain('REALTIME_ENGINE=ws');
    expect(output).not.toContain('Kongjian is up');
  }, 60_000);
});
