/**
 * Logging never wedges shutdown: a hub whose stdout/stderr reader has gone away (a log collector
 * that restarted, a parent that died) still exits on SIGTERM, promptly; the lines it could not
 * write are counted in /metrics.
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

/** A refused connection means not listening yet. */
async function waitForLive(url: string, deadlineMs: number): Promise<void> {
  await waitFor(
    () =>
      fetch(url).then(
        (res) => res.ok,
        () => false,
      ),
    { timeoutMs: deadlineMs, intervalMs: 100, what: `an answer from ${url}` },
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a hub whose log pipe has gone bad', () => {
  // closed: the reader died (EPIPE on every write). stalled: the reader is alive but no longer reads
  // (a wedged log collector, or a dead parent whose pipe a sibling still holds): the pipe fills up,
  // and a blocking write would freeze the hub for good.
  it.each(['closed', 'stalled'] as const)(
    'still exits on SIGTERM within a few seconds when the reader has %s',
    async (how) => {
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-logpipe-'));
      dirs.push(dataDir);
      const port = await freePort();
      const wsPort = await freePort();
      // debug: every request is logged, so the hub keeps writing into the dead pipe.
      const hub = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { ...process.env, LOG_LEVEL: 'debug', PORT: String(port), WS_PORT: String(wsPort), DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        hub.once('exit', (code, signal) => resolve({ code, signal })),
      );
      try {
        await waitForLive(`http://127.0.0.1:${port}/api/livez`, 30_000);
        if (how === 'closed') {
          hub.stdout.destroy();
          hub.stderr.destroy();
        } else {
          hub.stdout.pause();
          hub.stderr.pause();
        }
        // Log traffic (a request line each at debug): far more than a pipe buffers (64 KiB + ours).
        const ask = () =>
          fetch(`http://127.0.0.1:${port}/api/livez?${'x'.repeat(200)}`, { signal: AbortSignal.timeout(3_000) }).then(
            (r) => r.arrayBuffer(),
            () => undefined,
          );
        for (let round = 0; round < 10; round++) await Promise.all(Array.from({ length: 50 }, ask));
        if (how === 'closed') {
          // What the hub could not write is counted for the operator (kj_log_lines_dropped_total).
          const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
          expect(Number(/^kj_log_lines_dropped_total\{[^}]*\} (\d+)$/m.exec(metrics)?.[1] ?? 0)).toBeGreaterThan(0);
        }
        const started = Date.now();
        hub.kill('SIGTERM');
        const result = await Promise.race([exited, new Promise<'alive'>((r) => setTimeout(() => r('alive'), 8_000))]);
        expect(result, 'the hub was still running 8 s after SIGTERM').not.toBe('alive');
        expect(Date.now() - started).toBeLessThan(8_000);
        expect(result).toEqual({ code: 0, signal: null }); // a clean stop, not a crash on EPIPE
      } finally {
        if (hub.pid && isAlive(hub.pid)) hub.kill('SIGKILL');
      }
    },
    60_000,
  );
});
