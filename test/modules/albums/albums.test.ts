import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUrlSigner } from '../../../server/modules/albums/url-signer.js';
import { makeFriends, nth, registerUser, startTestHub, type TestHub, type TestUser } from '../../helpers/index.js';
import { jpegWithExif, noisePng, pngBomb, uploadPhoto } from '../../fixtures/images.js';

let hub: TestHub;
let moderator: TestUser;

beforeAll(async () => {
  hub = await startTestHub({ env: { UPLOAD_MAX_BYTES: String(512 * 1024), ALBUM_LIMIT: '3' } });
  moderator = await registerUser(hub, 'mod'); // the first user is a moderator
});
afterAll(() => hub?.close());

async function album(user: TestUser, privacy: 'public' | 'friends' | 'private' = 'public'): Promise<string> {
  const res = await user.api.send('POST /albums', { body: { title: `${privacy} album`, privacy } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.album.id;
}

const fetchPhoto = (url: string, headers: Record<string, string> = {}) => fetch(`${hub.url}${url}`, { headers });

async function photoFiles(): Promise<string[]> {
  const root = path.join(hub.dataDir, 'photos');
  const dirs = await fs.readdir(root).catch(() => [] as string[]);
  const files = await Promise.all(dirs.map(async (d) => (await fs.readdir(path.join(root, d))).map((f) => `${d}/${f}`)));
  return files.flat();
}

async function usage(user: TestUser): Promise<number> {
  const res = await user.api.send('GET /albums/quota');
  expect(res.status).toBe(200);
  return res.body.used;
}

describe('albums', () => {
  it('creates albums, validates input, and caps how many one user has', async () => {
    const alice = await registerUser(hub, 'alice');
    const res = await alice.api.send('POST /albums', { body: { title: '  Trip  ', privacy: 'friends' } });
    expect(res.status).toBe(201);
    expect(res.body.album).toMatchObject({
      title: 'Trip',
      privacy: 'friends',
      photoCount: 0,
      coverThumbUrl: null,
      owner: { id: alice.id },
    });
    expect((await alice.api.post('/albums', { title: 'x'.repeat(61), privacy: 'public' })).status).toBe(400);
    expect((await alice.api.post('/albums', { title: 'ok', privacy: 'secret' })).status).toBe(400);
    await album(alice);
    await album(alice);
    const fourth = await alice.api.request('POST /albums', { body: { title: 'one too many', privacy: 'public' } });
    expect(fourth.status).toBe(409);
  });

  it('lists only the albums a viewer may see', async () => {
    const owner = await registerUser(hub, 'owner');
    const friend = await registerUser(hub, 'friend');
    const stranger = await registerUser(hub, 'stranger');
    await makeFriends(owner, friend);
    await album(owner, 'public');
    await album(owner, 'friends');
    await album(owner, 'private');
    const privacies = async (u: TestUser | null) => {
      const res = await (u ? u.api : stranger.api).get(`/spaces/${owner.handle}/albums`);
      return (res.body.albums as Array<{ privacy: string }>).map((a) => a.privacy).sort();
    };
    expect(await privacies(owner)).toEqual(['friends', 'private', 'public']);
    expect(await privacies(friend)).toEqual(['friends', 'public']);
    expect(await privacies(stranger)).toEqual(['public']);
  });
});

describe('photo uploads', () => {
  it('stores a PNG by content hash with a thumbnail, and serves a public one to anyone', async () => {
    const alice = await registerUser(hub, 'alice');
    const id = await album(alice, 'public');
    const png = await noisePng(400, 300, 7);
    const res = await uploadPhoto(hub.url, alice.token, id, png);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { photo } = res.body;
    expect(photo).toMatchObject({ width: 400, height: 300, url: `/photos/${photo.id}`, thumbUrl: `/photos/${photo.id}/thumb` });
    expect(photo.bytes).toBeGreaterThan(0);
    expect(await usage(alice)).toBe(photo.bytes);

    const full = await fetchPhoto(photo.url);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/png');
    expect(full.headers.get('cache-control')).toContain('immutable');
    const etag = full.headers.get('etag')!;
    const stored = Buffer.from(await full.arrayBuffer());
    expect(stored.length).toBe(photo.bytes);
    expect((await fetchPhoto(photo.url, { 'if-none-match': etag })).status).toBe(304);

    const thumb = await fetchPhoto(photo.thumbUrl);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const thumbMeta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(thumbMeta).toMatchObject({ format: 'webp', width: 320 });

    const files = await photoFiles();
    expect(files.some((f) => /^[0-9a-f]{2}\/[0-9a-f]{64}\.png$/.test(f))).toBe(true);
    const list = await alice.api.send('GET /albums/:id/photos', { params: { id } });
    expect(list.body.photos.map((p: { id: string }) => p.id)).toEqual([photo.id]);
  });

  it('strips EXIF from a JPEG after turning it upright', async () => {
    const alice = await registerUser(hub, 'alice');
    const id = await album(alice, 'public');
    const jpeg = await jpegWithExif(300, 200);
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const res = await uploadPhoto(hub.url, alice.token, id, jpeg, { filename: 'p.jpg', type: 'image/jpeg' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.photo).toMatchObject({ width: 200, height: 300 }); // orientation 6 applied
    const served = Buffer.from(await (await fetchPhoto(res.body.photo.url)).arrayBuffer());
    const meta = await sharp(served).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(served.includes(Buffer.from('secret owner'))).toBe(false);
  });

  it('refuses a text file named .png (415), an oversized file (413) and a decompression bomb (413), leaving nothing behind', async () => {
    const alice = await registerUser(hub, 'alice');
    const id = await album(alice, 'public');
    const before = (await photoFiles()).length;

    const text = await uploadPhoto(hub.url, alice.token, id, Buffer.from('hello, I am not a picture'.repeat(50)), { filename: 'cat.png' });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('unsupported_media');

    const big = await uploadPhoto(hub.url, alice.token, id, await noisePng(600, 600, 3)); // ~1 MB > 512 KiB
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('too_large');

    const bomb = await uploadPhoto(hub.url, alice.token, id, pngBomb());
    expect(bomb.status).toBe(413);

    const missing = await uploadPhoto(hub.url, alice.token, id, await noisePng(10, 10), { field: 'picture' });
    expect(missing.status).toBe(400);

    expect((await photoFiles()).length).toBe(before);
    expect(await usage(alice)).toBe(0);
    expect((await alice.api.call('GET /albums/:id/photos', { params: { id } })).photos).toEqual([]);
    expect(await fs.readdir(path.join(hub.dataDir, 'tmp', 'uploads')).catch(() => [])).toEqual([]);
  });

  it("answers not_found to anyone uploading into an album they don't own", async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const id = await album(alice, 'public');
    const res = await uploadPhoto(hub.url, bob.token, id, await noisePng(20, 20));
    expect(res.status).toBe(404);
    expect((await uploadPhoto(hub.url, undefined, id, await noisePng(20, 20))).status).toBe(401);
  });

  it('gives bytes back on deletion, and keeps a shared file while another owner still uses it', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const png = await noisePng(200, 200, 42);
    const aliceAlbum = await album(alice, 'public');
    const bobAlbum = await album(bob, 'public');
    const a = (await uploadPhoto(hub.url, alice.token, aliceAlbum, png)).body.photo;
    const b = (await uploadPhoto(hub.url, bob.token, bobAlbum, png)).body.photo;
    expect(await usage(alice)).toBe(a.bytes);

    expect((await bob.api.request('DELETE /photos/:id', { params: { id: a.id } })).status).toBe(404);
    expect((await alice.api.send('DELETE /photos/:id', { params: { id: a.id } })).status).toBe(204);
    expect(await usage(alice)).toBe(0);
    expect((await fetchPhoto(a.url)).status).toBe(404);
    expect((await fetchPhoto(b.url)).status).toBe(200); // same content, still Bob's

    expect((await bob.api.send('DELETE /albums/:id', { params: { id: bobAlbum } })).status).toBe(204);
    expect(await usage(bob)).toBe(0);
    expect((await fetchPhoto(b.url)).status).toBe(404);
    const hashFiles = (await photoFiles()).filter((f) => f.includes(b.url.slice(8)));
    expect(hashFiles).toEqual([]);
  });
});

describe('formats and references', () => {
  it('accepts webp, gif and avif, keeping webp and gif and storing avif as webp', async () => {
    const alice = await registerUser(hub, 'alice');
    const id = await album(alice, 'public');
    const base = sharp({ create: { width: 48, height: 32, channels: 3, background: { r: 10, g: 120, b: 200 } } });
    const cases = [
      { bytes: await base.clone().webp().toBuffer(), type: 'image/webp' },
      { bytes: await base.clone().gif().toBuffer(), type: 'image/gif' },
      { bytes: await base.clone().avif({ effort: 0 }).toBuffer(), type: 'image/avif' },
    ];
    for (const c of cases) {
      const res = await uploadPhoto(hub.url, alice.token, id, c.bytes, { filename: 'x.bin', type: 'application/octet-stream' });
      expect(res.status, `${c.type}: ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.body.photo).toMatchObject({ width: 48, height: 32 });
      // AVIF is stored as WebP (its encoder is the slow part of an upload).
      expect((await fetchPhoto(res.body.photo.url)).headers.get('content-type')).toBe(c.type === 'image/avif' ? 'image/webp' : c.type);
    }
  });

  it("lets a shuoshuo show its author's own photos only", async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const id = await album(alice, 'private');
    const { photo } = (await uploadPhoto(hub.url, alice.token, id, await noisePng(40, 40, 21))).body;
    const post = await alice.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'look', images: [photo.id], privacy: 'public' } });
    expect(post.status, JSON.stringify(post.body)).toBe(201);
    expect(post.body.post.images).toEqual([expect.objectContaining({ id: photo.id, width: 40, height: 40 })]);
    // Whoever may see the post gets a working (signed) URL for its image.
    const seen = await bob.api.send('GET /posts/:id', { params: { id: post.body.post.id } });
    expect((await fetchPhoto(nth(seen.body.post.images, 0).url)).status).toBe(200);
    const stolen = await bob.api.request('POST /posts', {
      body: { kind: 'shuoshuo', text: 'mine now', images: [photo.id], privacy: 'public' },
    });
    expect(stolen.status).toBe(400);
  });
});

describe('photo privacy', () => {
  it('serves a private photo only through the signed URL given to its owner', async () => {
    const alice = await registerUser(hub, 'alice');
    const stranger = await registerUser(hub, 'stranger');
    const id = await album(alice, 'private');
    const { photo } = (await uploadPhoto(hub.url, alice.token, id, await noisePng(64, 64, 5))).body;
    expect(photo.url).toMatch(/^\/photos\/[0-9a-f]{24}\?sig=[\w-]+&exp=\d+$/);

    const ok = await fetchPhoto(photo.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect((await fetchPhoto(photo.thumbUrl)).status).toBe(200);

    expect((await fetchPhoto(`/photos/${photo.id}`)).status).toBe(404);
    expect((await fetchPhoto(`/photos/${photo.id}/thumb`)).status).toBe(404);
    const exp = new URL(photo.url, hub.url).searchParams.get('exp');
    expect((await fetchPhoto(`/photos/${photo.id}?sig=${'A'.repeat(43)}&exp=${exp}`)).status).toBe(404);
    // A correctly signed URL whose time is up.
    const past = createUrlSigner('test-secret-0123456789abcdef', () => Date.now() - 3 * 3600_000).query(photo.id);
    expect((await fetchPhoto(`/photos/${photo.id}?${past}`)).status).toBe(404);
    // Another photo's signature does not open this one.
    const other = (await uploadPhoto(hub.url, alice.token, id, await noisePng(64, 64, 6))).body.photo;
    expect((await fetchPhoto(`/photos/${photo.id}?${new URL(other.url, hub.url).search.slice(1)}`)).status).toBe(404);

    expect((await stranger.api.request('GET /albums/:id/photos', { params: { id } })).status).toBe(404);
  });

  it("shows a friends album's photos to friends with signed URLs, and not to strangers", async () => {
    const owner = await registerUser(hub, 'owner');
    const friend = await registerUser(hub, 'friend');
    const stranger = await registerUser(hub, 'stranger');
    await makeFriends(owner, friend);
    const id = await album(owner, 'friends');
    await uploadPhoto(hub.url, owner.token, id, await noisePng(32, 32, 9));
    const seen = await friend.api.send('GET /albums/:id/photos', { params: { id } });
    expect(seen.status).toBe(200);
    expect((await fetchPhoto(nth(seen.body.photos, 0).url)).status).toBe(200);
    expect((await stranger.api.request('GET /albums/:id/photos', { params: { id } })).status).toBe(404);
    expect((await stranger.api.request('GET /albums/:id', { params: { id } })).status).toBe(404);
    expect((await fetchPhoto(`/photos/${nth(seen.body.photos, 0).id}`)).status).toBe(404);
  });
});

describe('tiers', () => {
  it('lets moderators alone change a tier, which changes the quota', async () => {
    const alice = await registerUser(hub, 'alice');
    expect(await alice.api.call('GET /albums/quota')).toMatchObject({ used: 0, tier: 'basic', quota: 3 * 1024 ** 3 });
    expect(
      (await alice.api.request('POST /users/:handle/tier', { params: { handle: alice.handle }, body: { tier: 'yellow' } })).status,
    ).toBe(403);
    const res = await moderator.api.send('POST /users/:handle/tier', { params: { handle: alice.handle }, body: { tier: 'yellow' } });
    expect(res.status).toBe(200);
    expect(res.body.user.tier).toBe('yellow');
    expect(await alice.api.call('GET /albums/quota')).toMatchObject({ tier: 'yellow', quota: 25 * 1024 ** 3 });
    const audit = await moderator.api.send('GET /moderation/audit', { query: { limit: 5 } });
    expect(audit.body.entries[0]).toMatchObject({ action: 'user.tier', target: { type: 'user', id: alice.id } });
  });
});
