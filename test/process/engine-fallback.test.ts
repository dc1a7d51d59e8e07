/**
 * `REALTIME_ENGINE` unset on a Node that uWebSockets.js has no binary for (22, 24): `npm start` still
 * starts, on `ws`, with one warning line, and says so in /api/health and /metrics. Simulated on any
 * Node with the package's own switch, which makes it hand out its JavaScript fallback.
 */
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

describe('a hub with REALTIME_ENGINE unset where the native uWS binary does not load', { timeout: 120_000 }, () => {
  it('starts on ws with one warning line; /api/health, /api/config and kj_realtime_engine say ws', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-engine-'));
    dirs.push(dataDir);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, UWS_USE_FALLBACK: '1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.REALTIME_ENGINE;
    delete env.WS_PORT;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--no-client-build'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    try {
      await waitFor(() => output.includes('Kongjian is up') || child.exitCode !== null, { timeoutMs: 60_000, what: 'the hub up or gone' });
      expect(output).toContain('Kongjian is up');
      const warnings = output.split('\n').filter((line) => line.includes('realtime engine: ws'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('REALTIME_ENGINE=ws');

      const base = `http://127.0.0.1:${port}`;
      const health = (await (await fetch(`${base}/api/health`)).json()) as { engine: string };
      expect(health.engine).toBe('ws');
      const config = (await (await fetch(`${base}/api/config`)).json()) as { realtimeUrl: string };
      expect(config.realtimeUrl).toBe(base);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/^kj_realtime_engine\{[^}]*engine="ws"[^}]*\} 1$/m);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 90_000);
});
