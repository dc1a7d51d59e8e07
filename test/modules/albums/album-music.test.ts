/** Album background music (相册背景音乐, v1.2): validated like the space's music, set by the owner, seen as the album is. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFriends, registerUser, startTestHub, type TestHub, type TestUser } from '../../helpers/index.js';

let hub: TestHub;
let owner: TestUser;
let friend: TestUser;
let stranger: TestUser;
let albumId: string;

beforeAll(async () => {
  hub = await startTestHub();
  owner = await registerUser(hub, 'owner');
  friend = await registerUser(hub, 'friend');
  stranger = await registerUser(hub, 'stranger');
  await makeFriends(owner, friend);
  albumId = (await owner.api.call('POST /albums', { body: { title: 'Summer', privacy: 'friends' } })).album.id;
});
afterAll(() => hub?.close());

describe('album music', () => {
  it('is set and removed by the owner and shown to whoever may see the album', async () => {
    const music = { title: '月光', url: 'https://music.example/moon.mp3' };
    const set = await owner.api.send('PUT /albums/:id/music', { params: { id: albumId }, body: { music } });
    expect(set.status).toBe(200);
    expect(set.body.album.music).toEqual(music);
    expect((await friend.api.call('GET /albums/:id', { params: { id: albumId } })).album.music).toEqual(music);
    expect((await stranger.api.request('GET /albums/:id', { params: { id: albumId } })).status).toBe(404);
    expect((await owner.api.call('GET /spaces/:handle/albums', { params: { handle: owner.handle } })).albums[0]?.music).toEqual(music);

    const cleared = await owner.api.send('PUT /albums/:id/music', { params: { id: albumId }, body: { music: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.album.music).toBeNull();
  });

  it.each([
    ['a javascript: URL', { title: 'x', url: 'javascript:alert(1)' }, 'music.url'],
    ['a data: URL', { title: 'x', url: 'data:audio/mp3;base64,AAAA' }, 'music.url'],
    ['a relative URL', { title: 'x', url: '/song.mp3' }, 'music.url'],
    ['a URL with a quote', { title: 'x', url: 'https://a.example/"onload=x' }, 'music.url'],
    ['an empty title', { title: '', url: 'https://a.example/a.mp3' }, 'music.title'],
    ['an 81-character title', { title: 'x'.repeat(81), url: 'https://a.example/a.mp3' }, 'music.title'],
  ])('refuses %s (400, naming the field) and keeps what was there', async (_what, music, field) => {
    const answer = await owner.api.put(`/albums/${albumId}/music`, { music });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid');
    expect(Object.keys(answer.body.error.fields ?? {})).toContain(field);
    expect((await owner.api.call('GET /albums/:id', { params: { id: albumId } })).album.music ?? null).toBeNull();
  });

  it('refuses a body without music, or with unknown fields', async () => {
    expect((await owner.api.put(`/albums/${albumId}/music`, {})).status).toBe(400);
    expect(
      (await owner.api.put(`/albums/${albumId}/music`, { music: { title: 'a', url: 'https://a.example/a.mp3', autoplay: true } })).status,
    ).toBe(400);
  });
});
