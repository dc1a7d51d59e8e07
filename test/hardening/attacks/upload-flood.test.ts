/**
 * Attack (issue #32): hostile uploads — four users each streaming a video upload far over the limit
 * as fast as the hub reads it, while holding a second upload open that trickles 16 KiB every 100 ms
 * and never ends. The hub reads and drops what is over the limit (413 `too_large`), keeps
 * answering `/api/livez` and a bystander's sign-in throughout, and once the slow clients go away
 * nothing of theirs is left on disk and their upload places are free again. Figures (how long
 * liveness took) are `npm run bench -- uploads`'s, in BENCHMARKS.md; this test asserts behaviour.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamUpload } from '../../../scripts/upload-streams.js';
import { registerUser, registerUsers, useTestHub, waitFor } from '../../helpers/index.js';
import { livenessGuard, quietBaseline, watchWhile } from './probe.js';

const limit = 4 * 1024 * 1024;

/** Every file under `dir` (none when it does not exist). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('upload flood', { timeout: 120_000 }, () => {
  const hub = useTestHub({ env: { VIDEO_MAX_BYTES: String(limit) } });

  it('large and never-ending uploads from four users: the large refused 413, liveness and a sign-in answer, nothing left behind', async () => {
    const bystander = await registerUser(hub, 'bystander');
    const signIn = { handle: bystander.handle, password: 'correct horse battery' };
    const users = await registerUsers(hub, ['flood1', 'flood2', 'flood3', 'flood4']);
    const url = `${hub.url}/api/videos`;

    const slow = users.map((u) => streamUpload(url, { token: u.token, totalBytes: Infinity, chunkBytes: 16 * 1024, everyMs: 100 }));
    let slowAnswered = 0;
    for (const s of slow) void s.answer.then(() => (slowAnswered += 1));
    const large = users.map((u) => streamUpload(url, { token: u.token, totalBytes: 6 * limit }));
    const felt = await watchWhile(hub, Promise.all(large.map((l) => l.answer)), signIn);
    for (const l of large) expect(await l.answer).toEqual({ status: 413, code: 'too_large' });
    // A guard against a stalled hub, not a speed target (the figures: BENCHMARKS.md, `npm run bench -- uploads`).
    const quiet = await quietBaseline(hub, 1_000, signIn);
    expect(felt.probes).toBeGreaterThan(0);
    expect(felt.signIns).toBeGreaterThan(0);
    expect(felt.slowestProbeMs).toBeLessThan(livenessGuard(quiet.slowestProbeMs));

    // The slow ones are still being read (one growing file each), neither answered nor dropped. When
    // their clients go away, their partial files are removed and their upload places freed.
    expect(slowAnswered).toBe(0);
    expect(await filesUnder(path.join(hub.dataDir, 'tmp'))).toHaveLength(users.length);
    for (const s of slow) s.stop();
    await waitFor(async () => (await filesUnder(path.join(hub.dataDir, 'tmp'))).length === 0, { what: 'partial uploads removed' });
    const again = streamUpload(url, { token: users[0]!.token, totalBytes: 1024 });
    expect((await again.answer).status).toBe(415); // read to the end and probed (not 429: the places are free)
  });
});
