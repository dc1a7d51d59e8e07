/**
 * Profiles in the browser, two people: one renames themself, writes a bio and picks one of their own
 * photos as the avatar in Settings; the friend's open feed shows the new name and avatar on the post
 * and in the friends list, and their open tab of the space the new name, bio and avatar, without a reload. A bad name is told in the form. Friend suggestions: a
 * friend of a friend is suggested with the mutual count, and "Add friend" reaches them live.
 * Also in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { noisePng, uploadPhoto } from '../fixtures/images.js';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
import { openAs, screenshot, startE2E, type E2E, type UserPage } from './browser.js';

let e2e: E2E;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  await registerUser(e2e.hub, 'moderator', 'Mod Squad'); // the hub's first account moderates
}, 90_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

async function open(user: TestUser, path = '/', locale?: string): Promise<Page> {
  const o = await openAs(e2e, user, path, undefined, locale ? { locale } : {});
  opened.push(o);
  return o.page;
}

/** An album with one photo of `user`'s, for the avatar picker. */
async function givePhoto(user: TestUser): Promise<string> {
  const album = await user.api.post('/albums', { title: 'Me', privacy: 'public' });
  expect(album.status, JSON.stringify(album.body)).toBe(201);
  const up = await uploadPhoto(e2e.hub.url, user.token, album.body.album.id as string, await noisePng(120, 90, 7));
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  return up.body.photo.id as string;
}

describe('profile in the browser', () => {
  it('a new name, bio and avatar reach a friend’s open feed live; a blank name is told in the form', async () => {
    const lan = await registerUser(e2e.hub, 'lan', 'Lan Wei');
    const hua = await registerUser(e2e.hub, 'hua', 'Hua Chen');
    await makeFriends(lan, hua);
    await givePhoto(lan);
    const posted = await lan.api.post('/posts', { kind: 'shuoshuo', text: 'Tea by the lake', privacy: 'friends' });
    expect(posted.status).toBe(201);

    const [l, h] = await Promise.all([open(lan, '/settings'), open(hua, '/')]);
    const post = h.locator('kj-post-card article', { hasText: 'Tea by the lake' });
    await post.getByText('Lan Wei').waitFor();
    // Hua also has Lan's space open in a second tab.
    const space = await h.context().newPage();
    await space.goto(`${e2e.hub.url}/space/${lan.handle}`);
    const card = space.locator('kj-profile-card');
    await card.getByRole('heading', { name: 'Lan Wei' }).waitFor();
    expect(await post.locator('kj-avatar img').count()).toBe(0);

    const form = l.locator('kj-profile-form');
    await form.getByLabel('Display name').fill('   ');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form.getByRole('alert').getByText('Some of what you entered is not valid').waitFor();

    await form.getByLabel('Display name').fill('兰 Lan');
    await form.getByLabel('About me').fill('Painter of small things');
    await form.getByRole('radio', { name: 'Photo 1' }).check();
    await form.getByRole('button', { name: 'Save profile' }).click();
    await l.getByText('Profile saved.').waitFor();
    await form.getByTestId('profile-name').getByText('兰 Lan').waitFor();
    expect(await form.getByRole('alert').count()).toBe(0);

    // The friend's feed, never reloaded: the post's author line and the friends list follow.
    await post.getByText('兰 Lan').waitFor();
    await expect.poll(() => post.locator('kj-avatar img').getAttribute('src')).toMatch(/^\/avatars\/[0-9a-f]+-64\.webp$/);
    await h.locator(`kj-friends-panel li[data-friend="${lan.handle}"]`).getByText('兰 Lan').waitFor();
    await card.getByRole('heading', { name: '兰 Lan' }).waitFor();
    await card.getByText('Painter of small things').waitFor();
    await expect.poll(() => card.locator('kj-avatar img').getAttribute('src')).toMatch(/-256\.webp$/);
    const src = (await post.locator('kj-avatar img').getAttribute('src'))!;
    const image = await h.request.get(e2e.hub.url + src);
    expect(image.status()).toBe(200);
    expect(image.headers()['content-type']).toContain('image/webp');
    await screenshot(h, 'profile-live');

    const me = await lan.api.get('/me');
    expect(me.body.user).toMatchObject({ displayName: '兰 Lan', bio: 'Painter of small things' });

    // Back to no photo: the friend's avatars go back to initials, live.
    await form.getByRole('radio', { name: 'No photo' }).check();
    await form.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => post.locator('kj-avatar img').count()).toBe(0);
    await expect.poll(() => card.locator('kj-avatar img').count()).toBe(0);
    expect((await lan.api.get('/me')).body.user.avatarUrl).toBeUndefined();
  });

  it('suggests a friend of a friend by mutual count; "Add friend" reaches them live', async () => {
    const [ana, ben, cai] = [
      await registerUser(e2e.hub, 'ana', 'Ana Wu'),
      await registerUser(e2e.hub, 'ben', 'Ben Xu'),
      await registerUser(e2e.hub, 'cai', 'Cai Yu'),
    ];
    await makeFriends(ana, ben);
    await makeFriends(ben, cai);
    const [a, c] = await Promise.all([open(ana), open(cai)]);
    const row = a.locator(`kj-friend-suggestions li[data-suggested="${cai.handle}"]`);
    await row.getByText('1 mutual friend').waitFor();
    await row.getByRole('button', { name: 'Add Cai Yu as a friend' }).click();
    await row.getByText('Request sent').waitFor();
    await c.locator('kj-friends-panel').getByRole('button', { name: 'Accept Ana Wu' }).click();
    // Friends now: the suggestion goes away live.
    await expect.poll(() => row.count()).toBe(0);
  });

  it('speaks Chinese in zh-CN', async () => {
    const user = await registerUser(e2e.hub, 'zhprof', '小明');
    const p = await open(user, '/settings', 'zh-CN');
    const form = p.locator('kj-profile-form');
    await form.getByLabel('昵称').waitFor();
    await form.getByRole('button', { name: '保存资料' }).waitFor();
    await p.locator('kj-account-security').getByRole('button', { name: '修改密码' }).waitFor();
    await p.getByRole('heading', { name: '黑名单' }).waitFor();
  });
});
