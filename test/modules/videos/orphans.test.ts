/**
 * Videos never posted (v1.2): an upload no post claims within VIDEO_ORPHAN_MS (here 3 s) is deleted —
 * its record, its files and its bytes in the owner's quota — while videos on a post, published or
 * scheduled, are kept.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, startTestHub, waitFor, type TestHub, type TestUser } from '../../helpers/index.js';
import { makeTestVideos, uploadVideo, type TestVideos } from '../../fixtures/videos.js';

const graceMs = 3_000;
let hub: TestHub;
let clips: TestVideos;

beforeAll(async () => {
  [hub, clips] = await Promise.all([
    startTestHub({ env: { VIDEO_ORPHAN_MS: String(graceMs), SCHEDULE_MIN_LEAD_MS: '1000' } }),
    makeTestVideos(),
  ]);
}, 120_000);
afterAll(async () => {
  await hub?.close();
  if (clips) await fs.rm(clips.dir, { recursive: true, force: true });
});

const used = async (user: TestUser) => (await user.api.call('GET /albums/quota')).used;
const fileOf = (id: string, ext: string) => path.join(hub.dataDir, 'videos', id.slice(-2), `${id}.${ext}`);
const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

describe('videos never posted', { timeout: 60_000 }, () => {
  it('are deleted after the grace, file and quota; videos on a post or a scheduled post stay', async () => {
    const alice = await registerUser(hub, 'alice');
    const upload = async (clip: Buffer, name: string) => {
      const res = await uploadVideo(hub.url, alice.token, clip, name);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.video as { id: string; url: string; bytes: number };
    };
    const posted = await upload(clips.mp4, 'posted.mp4');
    const made = await alice.api.send('POST /posts', {
      body: { kind: 'shuoshuo', text: 'with a video', video: posted.id, privacy: 'friends' },
    });
    expect(made.status).toBe(201);
    const later = await upload(clips.webm, 'later.webm');
    const waiting = await alice.api.send('POST /posts', {
      body: {
        kind: 'shuoshuo',
        text: 'with a video, later',
        video: later.id,
        privacy: 'friends',
        publishAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      },
    });
    expect(waiting.status, JSON.stringify(waiting.body)).toBe(201);
    const orphan = await upload(clips.webm, 'abandoned.webm');
    expect(await used(alice)).toBe(posted.bytes + later.bytes + orphan.bytes);
    expect(await exists(fileOf(orphan.id, 'webm'))).toBe(true);

    // Past the grace: the quota goes back down by the orphan's bytes, and it is gone.
    await waitFor(async () => (await used(alice)) === posted.bytes + later.bytes, {
      timeoutMs: graceMs + 10_000,
      what: 'the orphan given back',
    });
    expect(await exists(fileOf(orphan.id, 'webm'))).toBe(false);
    expect(await exists(fileOf(orphan.id, 'poster.webp'))).toBe(false);
    expect((await fetch(`${hub.url}${orphan.url}`)).status).toBe(404);
    expect((await alice.api.request('DELETE /videos/:id', { params: { id: orphan.id } })).status).toBe(404);
    // An orphan cannot be posted any more.
    expect((await alice.api.post('/posts', { kind: 'shuoshuo', text: 'too late', video: orphan.id, privacy: 'friends' })).status).toBe(400);

    // The videos on posts are still there and still served.
    expect(await exists(fileOf(posted.id, 'mp4'))).toBe(true);
    expect(await exists(fileOf(later.id, 'webm'))).toBe(true);
    const shown = (await alice.api.call('GET /posts/:id', { params: { id: made.body.post.id } })).post.video;
    assert(shown, 'the post carries its video');
    expect((await fetch(`${hub.url}${shown.url}`)).status).toBe(200);
    expect((await alice.api.call('GET /posts/:id', { params: { id: waiting.body.post.id } })).post.video?.id).toBe(later.id);
  });
});
