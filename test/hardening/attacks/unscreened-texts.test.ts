/**
 * Attack: moderation screened post text only; space and music titles, album titles, photo captions,
 * display names and bios (and a diary's image alt texts and link URLs) passed unscreened, and a
 * refusal named the rule it matched. Now every one of them is screened, and a refusal names the field,
 * never the keyword.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { noisePng, uploadPhoto } from '../../fixtures/images.js';
import { apiClient, registerUser, uniqueHandle, useTestHub, type ApiAnswer, type TestUser } from '../../helpers/index.js';

const blockWord = 'zzqblockedword';
const holdWord = 'zzqheldword';
const reviewWord = 'zzqreviewedword';

function expectRefused(res: ApiAnswer, field: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.code).toBe('blocked');
  expect(res.body.error.fields?.[field]).toBeTruthy();
  expect(JSON.stringify(res.body)).not.toMatch(/zzq/);
}

describe('screening of every user text', () => {
  const hub = useTestHub();
  let user: TestUser;
  let album: string;
  let photo: string;
  beforeAll(async () => {
    const moderator = await registerUser(hub, 'moderator'); // the first account is a moderator
    for (const [pattern, action] of [
      [blockWord, 'block'],
      [holdWord, 'hold'],
      [reviewWord, 'review'],
    ] as const) {
      expect((await moderator.api.post('/moderation/rules', { pattern, action })).status).toBe(201);
    }
    user = await registerUser(hub, 'writer');
    album = (await user.api.post('/albums', { title: 'fine', privacy: 'public' })).body.album.id;
    photo = (await uploadPhoto(hub.url, user.token, album, await noisePng(32, 32, 9))).body.photo.id;
  });

  const cases: ReadonlyArray<readonly [name: string, field: string, send: (word: string) => Promise<ApiAnswer>]> = [
    ['space title', 'title', (w) => user.api.patch('/spaces/me', { title: `my ${w} space` })],
    [
      'music title',
      'music.title',
      (w) => user.api.patch('/spaces/me', { music: { title: `song ${w}`, url: 'https://music.example/a.mp3' } }),
    ],
    ['album title', 'title', (w) => user.api.post('/albums', { title: `album ${w}`, privacy: 'public' })],
    ['photo caption', 'caption', (w) => user.api.patch(`/photos/${photo}`, { caption: `look ${w}` })],
    [
      'display name on registration',
      'displayName',
      (w) =>
        apiClient(hub.url).post('/auth/register', {
          handle: uniqueHandle('n'),
          password: 'correct horse battery',
          displayName: `name ${w}`,
        }),
    ],
    ['display name', 'displayName', (w) => user.api.patch('/me', { displayName: `name ${w}` })],
    ['bio', 'bio', (w) => user.api.patch('/me', { bio: `about ${w}` })],
  ];

  it.each(cases)('%s: a blocked or held word is refused without naming it; a review word passes', async (_name, field, send) => {
    expectRefused(await send(blockWord), field);
    expectRefused(await send(holdWord), field);
    expect((await send(reviewWord)).status).toBeLessThan(300);
  });

  it('a diary whose image alt text or link URL holds a blocked word is refused', async () => {
    const own = `/photos/${photo}`;
    const alt = await user.api.post('/posts', {
      kind: 'diary',
      title: 'd',
      text: `<p>x</p><img src="${own}" alt="${blockWord}">`,
      privacy: 'public',
    });
    expect(alt.status).toBe(422);
    const link = await user.api.post('/posts', {
      kind: 'diary',
      title: 'd',
      text: `<p><a href="https://x.example/${blockWord}">x</a></p>`,
      privacy: 'public',
    });
    expect(link.status).toBe(422);
    expect(JSON.stringify([alt.body, link.body])).not.toMatch(/zzq/);
  });
});
