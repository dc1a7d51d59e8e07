/**
 * Sending a photo already in one's albums, in two browsers: Alice (Chinese, 390 px) opens 相册 beside
 * the chat box, picks the photo of her album 西湖 and it is sent; Bob (English), with the conversation
 * open, sees it live as a thumbnail. Bob's own picker, in English, says his albums have no photos.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlbumDto, PhotoDto } from '../../shared/dto.js';
import { noisePng, uploadPhoto } from '../fixtures/images.js';
import { makeFriends, registerUser } from '../helpers/users.js';
import { openAs, screenshot, startE2E, type E2E, type UserPage } from './browser.js';

let e2e: E2E;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  await registerUser(e2e.hub, 'moderator', 'Mod Squad'); // the hub's first account is its moderator
}, 90_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

describe('a photo from my albums in a chat', () => {
  it('the picked album photo reaches the friend live; the picker speaks Chinese and English and fits 390 px', async () => {
    const alice = await registerUser(e2e.hub, 'alice', '王小丽');
    const bob = await registerUser(e2e.hub, 'bob', 'Bob Li');
    await makeFriends(alice, bob);
    const { album } = (await alice.api.post('/albums', { title: '西湖', privacy: 'friends' })).body as { album: AlbumDto };
    const upload = await uploadPhoto(e2e.hub.url, alice.token, album.id, await noisePng(200, 150, 3));
    expect(upload.status).toBe(201);
    const photo = (upload.body as { photo: PhotoDto }).photo;

    const a = await openAs(e2e, alice, `/chat/${bob.handle}`, { width: 390, height: 844 }, { locale: 'zh-CN' });
    const b = await openAs(e2e, bob, `/chat/${alice.handle}`);
    opened.push(a, b);
    await Promise.all([a.page.getByRole('textbox', { name: '消息' }).waitFor(), b.page.getByLabel('Message', { exact: true }).waitFor()]);

    await a.page.getByRole('button', { name: '相册' }).click();
    const picker = a.page.getByRole('dialog', { name: '从我的相册发送图片' });
    await picker.getByRole('heading', { name: '西湖' }).waitFor();
    const choice = picker.getByRole('button', { name: '西湖的第1张照片' });
    // The picker fits the 390 px screen.
    const dialogBox = await picker.boundingBox();
    expect(dialogBox!.x).toBeGreaterThanOrEqual(0);
    expect(dialogBox!.x + dialogBox!.width).toBeLessThanOrEqual(390);
    await screenshot(a.page, 'chat-album-photo-390-zh');
    await choice.click();
    await picker.waitFor({ state: 'hidden' });

    // Bob sees it live: the thumbnail of that very photo.
    const thumb = b.page.locator('kj-conversation li img.photo');
    await thumb.waitFor();
    expect(new URL((await thumb.getAttribute('src'))!, e2e.hub.url).pathname).toBe(new URL(photo.thumbUrl, e2e.hub.url).pathname);
    await expect.poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    const mine = a.page.locator('kj-conversation li.mine img.photo');
    await mine.waitFor();
    const box = await mine.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await a.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Bob's picker, in English: he has no album photos to send.
    await b.page.getByRole('button', { name: 'Albums' }).click();
    const his = b.page.getByRole('dialog', { name: 'Send a photo from my albums' });
    await his.getByText('Your albums have no photos yet.').waitFor();
    await his.getByRole('button', { name: 'Cancel' }).click();
    await his.waitFor({ state: 'hidden' });
  }, 90_000); // two browsers, an upload and a live push: ~15 s alone, more on a loaded box
});
