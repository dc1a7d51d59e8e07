import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, startTestHub, type TestHub, type TestUser } from '../../helpers/index.js';
import { noisePng, uploadPhoto } from '../../fixtures/images.js';

const quota = 200_000;
let hub: TestHub;
let moderator: TestUser;

beforeAll(async () => {
  hub = await startTestHub({ env: { QUOTA_BASIC_BYTES: String(quota), QUOTA_YELLOW_BYTES: String(quota * 4) } });
  moderator = await registerUser(hub, 'mod');
});
afterAll(() => hub?.close());

async function publicAlbum(user: TestUser): Promise<string> {
  return (await user.api.call('POST /albums', { body: { title: 'quota', privacy: 'public' } })).album.id;
}

const used = async (user: TestUser) => (await user.api.call('GET /albums/quota')).used;

async function fileCount(): Promise<number> {
  const root = path.join(hub.dataDir, 'photos');
  const dirs = await fs.readdir(root).catch(() => [] as string[]);
  let n = 0;
  for (const d of dirs) n += (await fs.readdir(path.join(root, d))).length;
  return n;
}

describe('storage quota', () => {
  it('lets exactly the parallel uploads that fit succeed, and counts bytes exactly', async () => {
    const probe = await registerUser(hub, 'probe');
    const png = await noisePng(110, 110, 11);
    const size = (await uploadPhoto(hub.url, probe.token, await publicAlbum(probe), png)).body.photo.bytes as number;
    const fits = Math.floor(quota / size);
    expect(fits).toBeGreaterThanOrEqual(2);

    const alice = await registerUser(hub, 'alice');
    const albumId = await publicAlbum(alice);
    // One user has at most two uploads in flight (the rest answer 429 at once): each of these
    // parallel uploads tries again until it is taken, so two at a time still race for the quota.
    const uploadUntilTaken = async () => {
      for (;;) {
        const answer = await uploadPhoto(hub.url, alice.token, albumId, png);
        if (answer.status !== 429) return answer;
      }
    };
    const answers = await Promise.all(Array.from({ length: fits + 3 }, uploadUntilTaken));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(fits);
    expect(statuses.filter((s) => s === 413)).toHaveLength(3);
    expect(await used(alice)).toBe(fits * size);
    const listed = await alice.api.send('GET /albums/:id/photos', { params: { id: albumId } });
    expect(listed.body.photos).toHaveLength(fits);
    expect((await alice.api.call('GET /albums/:id', { params: { id: albumId } })).album.photoCount).toBe(fits);
  });

  it('refuses an upload over the quota with 413 and no trace, and a tier raise makes room', async () => {
    const bob = await registerUser(hub, 'bob');
    const albumId = await publicAlbum(bob);
    const big = await noisePng(170, 170, 12); // ~87 kB each: two fit, the third does not
    expect((await uploadPhoto(hub.url, bob.token, albumId, big)).status).toBe(201);
    const second = await uploadPhoto(hub.url, bob.token, albumId, await noisePng(170, 170, 13));
    expect(second.status).toBe(201);
    const before = await used(bob);
    const files = await fileCount();

    const third = await uploadPhoto(hub.url, bob.token, albumId, await noisePng(170, 170, 14));
    expect(third.status).toBe(413);
    expect(third.body.error.code).toBe('too_large');
    expect(await used(bob)).toBe(before);
    expect(await fileCount()).toBe(files);

    expect(
      (await moderator.api.send('POST /users/:handle/tier', { params: { handle: bob.handle }, body: { tier: 'yellow' } })).status,
    ).toBe(200);
    expect((await uploadPhoto(hub.url, bob.token, albumId, await noisePng(170, 170, 14))).status).toBe(201);

    // Deleting the album gives every byte back.
    expect((await bob.api.send('DELETE /albums/:id', { params: { id: albumId } })).status).toBe(204);
    expect(await used(bob)).toBe(0);
  });
});
