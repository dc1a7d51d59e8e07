/**
 * Attack: a 1.2 KB 7000×7000 AVIF (under the old 50-megapixel cap) costs seconds of CPU to decode and
 * re-encode; eight in parallel by one user made a sign-in take 19.6 s, because image work, scrypt and
 * photo serving shared the libuv threads. Now: a pixel cap by tier, AVIF stored as WebP, at most 2
 * uploads in flight per user (429), one image job at a time per process with a bounded queue (503),
 * so scrypt and file serving always have threads.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { uploadPhoto } from '../../fixtures/images.js';
import { registerUser, useTestHub, type TestUser } from '../../helpers/index.js';
import { allowance, quietBaseline, watchWhile } from './probe.js';

const fixture = (name: string) => fs.readFile(path.join(import.meta.dirname, '../../fixtures', name));

describe('image decode bomb', { timeout: 180_000 }, () => {
  // Upload budgets as in production (the test default multiplies them by 50).
  const hub = useTestHub({ env: { RATE_LIMIT_SCALE: '1' } });
  let moderator: TestUser;
  beforeAll(async () => {
    moderator = await registerUser(hub, 'moderator'); // the first account is a moderator
  });

  async function albumOf(user: TestUser): Promise<string> {
    const res = await user.api.post('/albums', { title: 'bombs', privacy: 'private' });
    expect(res.status).toBe(201);
    return res.body.album.id;
  }

  it('eight 49-megapixel AVIFs by a basic account: over its pixel cap, refused from the header without decoding', async () => {
    const attacker = await registerUser(hub, 'basic');
    const album = await albumOf(attacker);
    const bomb = await fixture('avif-bomb-7000.avif');
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => uploadPhoto(hub.url, attacker.token, album, bomb, { type: 'image/avif', filename: 'x.avif' })),
    );
    // Each is refused: 413 from the header, or 429 while two of the same user's uploads are in flight.
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 413 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 413).length).toBeGreaterThanOrEqual(2);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('eight 16-megapixel AVIFs at once by one user: 2 processed, 6 refused 429, and the hub answers liveness and sign-ins meanwhile', async () => {
    const attacker = await registerUser(hub, 'yellow');
    expect((await moderator.api.post(`/users/${attacker.handle}/tier`, { tier: 'yellow' })).status).toBe(200);
    const bystander = await registerUser(hub, 'bystander');
    const signIn = { handle: bystander.handle, password: 'correct horse battery' };
    const album = await albumOf(attacker);
    const bomb = await fixture('avif-bomb-4000.avif');
    const started = performance.now();
    const uploading = Promise.all(
      Array.from({ length: 8 }, () => uploadPhoto(hub.url, attacker.token, album, bomb, { type: 'image/avif', filename: 'x.avif' })),
    );
    const felt = await watchWhile(hub, uploading, signIn);
    const answers = await uploading;
    const quiet = await quietBaseline(hub, Math.min(performance.now() - started, 10_000), signIn);
    console.info(
      `image bomb: ${answers.map((a) => a.status).join(' ')}; liveness ${felt.slowestProbeMs.toFixed(0)} ms (quiet ${quiet.slowestProbeMs.toFixed(0)}), sign-in ${felt.slowestSignInMs.toFixed(0)} ms (quiet ${quiet.slowestSignInMs.toFixed(0)}), ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    // Stored as WebP (AVIF encoding was the slowest part), not AVIF.
    const stored = answers.find((a) => a.status === 201)!.body.photo;
    expect(stored).toMatchObject({ width: 4000, height: 4000 });
    expect(felt.slowestProbeMs).toBeLessThan(allowance(100, quiet.slowestProbeMs));
    expect(felt.slowestSignInMs).toBeLessThan(allowance(500, quiet.slowestSignInMs));
  });

  it('many users at once: the process-wide image queue is bounded, overflow answers 503', async () => {
    // One after another: sign-ups from one address wait in a bounded password queue (the subject here is the image queue).
    const users: TestUser[] = [];
    for (let i = 0; i < 14; i += 1) users.push(await registerUser(hub, `many${i}`));
    for (const u of users) expect((await moderator.api.post(`/users/${u.handle}/tier`, { tier: 'yellow' })).status).toBe(200);
    const albums = await Promise.all(users.map(albumOf));
    const bomb = await fixture('avif-bomb-4000.avif');
    const answers = await Promise.all(
      users.map((u, i) => uploadPhoto(hub.url, u.token, albums[i]!, bomb, { type: 'image/avif', filename: 'x.avif' })),
    );
    const statuses = answers.map((a) => a.status);
    // One runs, eight wait, the rest are told to come back later.
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(5);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
  });
});
