/**
 * Photos and posts in a chat, in two browsers: Alice (English, 1200 px) shares her post into the
 * chat with Bob from the post card's "Share to chat", shares a post only she may see, and sends a
 * photo from the chat's picker; Bob (Chinese, 390 px), with the conversation open, sees each live:
 * the post as a card, the hidden one as 该动态不可见, the photo as a thumbnail.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/dto.js';
import { noisePng } from '../fixtures/images.js';
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

describe('sharing photos and posts in a chat', () => {
  it('a shared post shows as a card (or as not visible), a photo as a thumbnail, live on the other side', async () => {
    const alice = await registerUser(e2e.hub, 'alice', 'Alice Wang');
    const bob = await registerUser(e2e.hub, 'bob', '王小波');
    await makeFriends(alice, bob);
    const post = async (text: string, privacy: string) =>
      ((await alice.api.post('/posts', { kind: 'shuoshuo', text, privacy })).body as { post: PostDto }).post;
    await post('Spring at West Lake 🌸', 'public');
    const secret = await post('Only for me: the diary draft', 'private');

    const a = await openAs(e2e, alice, `/space/${alice.handle}`);
    const b = await openAs(e2e, bob, `/chat/${alice.handle}`, { width: 390, height: 844 }, { locale: 'zh-CN' });
    opened.push(a, b);
    await b.page.getByRole('textbox', { name: '消息' }).waitFor();

    // From the post card: Share to chat → pick Bob.
    const card = a.page.locator('kj-post-card').filter({ hasText: 'Spring at West Lake' });
    await card.getByRole('button', { name: 'Share to chat' }).click();
    await a.page.getByRole('dialog', { name: 'Send to a friend' }).getByRole('button', { name: '王小波' }).click();
    await a.page.getByText('Sent to 王小波.').waitFor();
    const shared = b.page.locator('kj-conversation li kj-repost-embed').filter({ hasText: 'Spring at West Lake 🌸' });
    await shared.waitFor();
    expect(await shared.getByRole('link', { name: 'Alice Wang' }).count()).toBe(1);

    // A post Bob may not see reaches him as "not visible", never its text.
    const sent = await alice.api.post(`/conversations/${bob.handle}/messages`, { postId: secret.id, clientId: randomUUID() });
    expect(sent.status).toBe(201);
    await b.page.locator('kj-conversation li').getByText('该动态不可见').waitFor();
    expect(await b.page.getByText('the diary draft').count()).toBe(0);

    // A photo from the chat's picker: uploaded with a progress bar, then sent; Bob sees the thumbnail.
    await a.page.goto(`${e2e.hub.url}/chat/${bob.handle}`);
    await a.page.getByLabel('Message', { exact: true }).waitFor();
    await a.page
      .getByLabel('Photo', { exact: true })
      .setInputFiles([{ name: 'lake.png', mimeType: 'image/png', buffer: await noisePng(160, 120, 7) }]);
    const thumb = b.page.locator('kj-conversation li img.photo');
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await a.page.locator('kj-conversation li.mine img.photo').waitFor();
    // The bubble fits the 390 px screen.
    const box = await thumb.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await screenshot(b.page, 'chat-share-390-zh');
  }, 90_000); // two browsers, an upload and three live pushes: ~20 s alone, more on a loaded box
});
