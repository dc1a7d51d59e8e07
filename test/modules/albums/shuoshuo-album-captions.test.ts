import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFriends, registerUser, startTestHub, type TestHub, type TestUser } from '../../helpers/index.js';
import { noisePng, uploadPhoto } from '../../fixtures/images.js';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
  await registerUser(hub, 'mod'); // the first user is a moderator
});
afterAll(() => hub?.close());

async function publicAlbum(user: TestUser): Promise<string> {
  const res = await user.api.send('POST /albums', { body: { title: 'Trip', privacy: 'public' } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.album.id;
}

describe('the shuoshuo album', () => {
  it('is one friends-only album per user, made on first use, even when first uses race', async () => {
    const alice = await registerUser(hub, 'alice');
    await alice.api.call('POST /albums', { body: { title: 'Shuoshuo photos', privacy: 'public' } }); // same title, made by hand
    const answers = await Promise.all(Array.from({ length: 8 }, () => alice.api.send('PUT /albums/shuoshuo')));
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
    const ids = new Set(answers.map((a) => a.body.album.id));
    expect(ids.size).toBe(1);
    expect(answers[0]!.body.album).toMatchObject({ privacy: 'friends', purpose: 'shuoshuo', owner: { id: alice.id } });
    const listed = await alice.api.send('GET /spaces/:handle/albums', { params: { handle: alice.handle } });
    const purposes = (listed.body.albums as Array<{ purpose: string | null }>).map((a) => a.purpose).sort();
    expect(purposes).toEqual([null, 'shuoshuo']);
    // Another user gets their own.
    const bob = await registerUser(hub, 'bob');
    const theirs = await bob.api.send('PUT /albums/shuoshuo');
    expect(theirs.body.album.id).not.toBe([...ids][0]);
  });

  it('needs a signed-in user', async () => {
    const res = await fetch(`${hub.url}/api/albums/shuoshuo`, { method: 'PUT' });
    expect(res.status).toBe(401);
  });
});

describe('photo captions', () => {
  it('the owner sets, changes and clears a caption; viewers see it in the listing', async () => {
    const owner = await registerUser(hub, 'owner');
    const friend = await registerUser(hub, 'friend');
    await makeFriends(owner, friend);
    const albumId = await publicAlbum(owner);
    const up = await uploadPhoto(hub.url, owner.token, albumId, await noisePng(64, 48, 3));
    expect(up.status).toBe(201);
    expect(up.body.photo.caption).toBe('');
    const id = up.body.photo.id as string;

    const set = await owner.api.send('PATCH /photos/:id', { params: { id }, body: { caption: '  West Lake at dawn 西湖  ' } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.photo).toMatchObject({ id, caption: 'West Lake at dawn 西湖' });
    const seen = await friend.api.send('GET /albums/:id/photos', { params: { id: albumId } });
    expect(seen.body.photos[0]?.caption).toBe('West Lake at dawn 西湖');

    expect((await owner.api.call('PATCH /photos/:id', { params: { id }, body: { caption: '' } })).photo.caption).toBe('');
  });

  it('refuses a caption from anyone else, too long a caption, and unknown fields', async () => {
    const owner = await registerUser(hub, 'owner2');
    const other = await registerUser(hub, 'other');
    const albumId = await publicAlbum(owner);
    const id = (await uploadPhoto(hub.url, owner.token, albumId, await noisePng(32, 32, 5))).body.photo.id as string;
    expect((await other.api.request('PATCH /photos/:id', { params: { id }, body: { caption: 'mine now' } })).status).toBe(404);
    expect((await owner.api.patch(`/photos/${id}`, { caption: 'x'.repeat(201) })).status).toBe(400);
    expect((await owner.api.patch(`/photos/${id}`, { caption: 'ok', album: 'x' })).status).toBe(400);
    expect(
      (await owner.api.request('PATCH /photos/:id', { params: { id: '0123456789abcdef01234567' }, body: { caption: 'ghost' } })).status,
    ).toBe(404);
    const listed = await owner.api.send('GET /albums/:id/photos', { params: { id: albumId } });
    expect(listed.body.photos[0]?.caption).toBe('');
  });
});
