/**
 * `npm run bench -- uploads [users=4] [mb=150]`: how `/api/livez` answers while hostile uploads
 * stream into one hub (its own process, the store in another). Each user sends one video upload of
 * `mb` MB as fast as the hub reads it (over the 100 MB limit: read and dropped, 413) and holds a second
 * open that trickles 16 KiB every 100 ms. Liveness is polled back to back: first quiet (3 s), then
 * during the flood; p50, p99 and max of each are printed, with the hub's own event-loop delay.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startHubNode, startStoreProcess } from '../loadtest/processes.js';
import { streamUpload } from '../upload-streams.js';

export const usage = 'uploads [users=4] [mb=150]: per user one upload of mb MB at full speed and one slow, never-ending one';

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** Polls `url` back to back until `until` settles; every answer's time in ms, sorted. */
async function pollWhile(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const times: number[] = [];
  while (!done) {
    const started = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`livez answered ${res.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const describe = (label: string, t: readonly number[]) =>
  `${label}: ${t.length} answers, p50 ${quantile(t, 0.5).toFixed(1)} ms, p99 ${quantile(t, 0.99).toFixed(1)} ms, max ${(t.at(-1) ?? NaN).toFixed(1)} ms`;

export async function run(args: string[]): Promise<unknown> {
  const users = Number(args[0] ?? 4);
  const mb = Number(args[1] ?? 150);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-bench-uploads-'));
  const store = await startStoreProcess(path.join(dir, 'store'));
  const hub = await startHubNode({
    label: 'hub',
    logDir: dir,
    env: {
      PORT: '0',
      WS_PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: path.join(dir, 'hub'),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_SCALE: '100000',
      CONNECTIONS_PER_ADDRESS: '1000000',
      PASSWORD_SCRYPT_N: '1024',
      SECRET: randomBytes(32).toString('hex'),
      MONGODB_URI: store.uri,
    },
  });
  try {
    const tokens: string[] = [];
    for (let i = 0; i < users; i += 1) {
      const res = await fetch(`${hub.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ handle: `up${i}_${randomBytes(3).toString('hex')}`, password: 'correct horse battery', displayName: 'u' }),
      });
      if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
      tokens.push(((await res.json()) as { token: string }).token);
    }
    // The hub's own event-loop delay (its per-second reports): what the hub did, apart from the box.
    let loop = { p99Ms: 0, maxMs: 0 };
    hub.onStats((st) => {
      loop = { p99Ms: Math.max(loop.p99Ms, st.eventLoop.p99Ms), maxMs: Math.max(loop.maxMs, st.eventLoop.maxMs) };
    });
    const loopSince = () => {
      const seen = loop;
      loop = { p99Ms: 0, maxMs: 0 };
      return `hub event-loop delay: worst per-second p99 ${seen.p99Ms} ms, max ${seen.maxMs} ms`;
    };
    const livez = `${hub.url}/api/livez`;
    const quiet = await pollWhile(livez, new Promise((resolve) => setTimeout(resolve, 3_000)));
    console.log(`${describe('quiet', quiet)}; ${loopSince()}`);

    const upload = `${hub.url}/api/videos`;
    const slow = tokens.map((token) => streamUpload(upload, { token, totalBytes: Infinity, chunkBytes: 16 * 1024, everyMs: 100 }));
    const started = performance.now();
    const large = tokens.map((token) => streamUpload(upload, { token, totalBytes: mb * 1024 * 1024 }));
    const answers = Promise.all(large.map((l) => l.answer));
    const during = await pollWhile(livez, answers);
    const ms = performance.now() - started;
    const statuses = (await answers).map((a) => a.status);
    console.log(`${users} × ${mb} MB at full speed (answers ${statuses.join(' ')}) in ${ms.toFixed(0)} ms, ${users} slow ones open`);
    console.log(`${describe('during', during)}; ${loopSince()}`);
    for (const s of slow) s.stop();
    return { quiet, during, statuses };
  } finally {
    await hub.stop();
    await store.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
