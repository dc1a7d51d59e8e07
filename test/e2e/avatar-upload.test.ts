/**
 * A new avatar straight from settings, in Chinese, without making an album first: a picture is
 * dropped or picked, shown square in a preview that zooms, and "设为头像" makes it the avatar; a
 * friend with the space open sees it without a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisePng } from '../fixtures/images.js';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
import { openAs, screenshot, startE2E, type E2E, type UserPage } from './browser.js';

let e2e: E2E;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  await registerUser(e2e.hub, 'moderator', 'Mod Squad');
}, 90_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

async function open(user: TestUser, path: string, viewport = { width: 390, height: 844 }): Promise<UserPage> {
  const o = await openAs(e2e, user, path, viewport, { locale: 'zh-CN' });
  opened.push(o);
  o.context.setDefaultTimeout(20_000);
  return o;
}

describe('an avatar uploaded in settings', () => {
  it('is cropped square in a preview, saved without an album, and reaches a friend’s open space live', async () => {
    const mei = await registerUser(e2e.hub, 'meimei', '美美');
    const friend = await registerUser(e2e.hub, 'pengyou', '朋友');
    await makeFriends(mei, friend);
    expect(((await mei.api.get(`/spaces/${mei.handle}/albums`)).body as { albums: unknown[] }).albums).toEqual([]);

    const f = await open(friend, `/space/${mei.handle}`, { width: 1200, height: 900 });
    const card = f.page.locator('kj-profile-card');
    await card.getByRole('heading', { name: '美美' }).waitFor();
    expect(await card.locator('kj-avatar img').count()).toBe(0);

    const m = await open(mei, '/settings');
    const upload = m.page.locator('kj-avatar-upload');
    await upload.getByText('上传新头像').waitFor();
    await upload
      .locator('input[type=file]')
      .setInputFiles({ name: 'wide.png', mimeType: 'image/png', buffer: await noisePng(300, 150, 3) });
    const preview = upload.getByRole('img', { name: '新头像预览' });
    await preview.waitFor();
    const box = (await preview.boundingBox())!;
    expect(Math.round(box.width)).toBe(Math.round(box.height)); // square
    await upload.getByLabel('缩放').fill('2');
    await screenshot(m.page, 'avatar-upload').catch(() => undefined);
    await upload.getByRole('button', { name: '设为头像' }).click();
    await preview.waitFor({ state: 'detached' });

    // The form's own avatar and the friend's open space show it, with no reload and still no album.
    await expect
      .poll(() => m.page.locator('kj-profile-form .current kj-avatar img').getAttribute('src'), { timeout: 20_000 })
      .toMatch(/^\/avatars\/[0-9a-f]+-64\.webp$/);
    await expect
      .poll(() => card.locator('kj-avatar img').getAttribute('src'), { timeout: 20_000 })
      .toMatch(/^\/avatars\/[0-9a-f]+-256\.webp$/);
    expect(((await mei.api.get(`/spaces/${mei.handle}/albums`)).body as { albums: unknown[] }).albums).toEqual([]);
  });

  it('says so when the file is not a picture', async () => {
    const user = await registerUser(e2e.hub, 'notpic', '小白');
    const o = await open(user, '/settings');
    const upload = o.page.locator('kj-avatar-upload');
    await upload.locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await upload.getByRole('alert').getByText('这个文件不是图片。').waitFor();
  });
});
