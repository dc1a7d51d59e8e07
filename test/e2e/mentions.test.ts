/**
 * @mentions in the browser: typing `@` in the composer (or a comment box) lists friends (keyboard: arrows, Enter); the
 * mentioned friend is told live, the notification opens the post, and the mention is a link to their
 * space — while markup typed into a post stays text. Mentions in comments, diaries and guestbook entries link too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PostDto } from '../../shared/dto.js';
import { makeFriends, registerUser } from '../helpers/users.js';
import { openAs, screenshot, startE2E, type E2E, type OpenOptions, type UserPage } from './browser.js';
import type { TestUser } from '../helpers/users.js';
import { contrastRatio } from '../../client/src/contrast.js';

let e2e: E2E;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
}, 90_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

async function open(user: TestUser, path = '/', options: OpenOptions = {}): Promise<Page> {
  const o = await openAs(e2e, user, path, undefined, options);
  opened.push(o);
  return o.page;
}

describe('mentions', () => {
  it('@ suggests friends by name; the friend is told live, opens the post and sees a safe link to their space', async () => {
    const author = await registerUser(e2e.hub, 'wen', 'Wen Jing');
    const friend = await registerUser(e2e.hub, 'lin', 'Lin Hua');
    const other = await registerUser(e2e.hub, 'liu', 'Liu Yang');
    await makeFriends(author, friend);
    await makeFriends(author, other);
    const [a, f] = await Promise.all([open(author, '/'), open(friend, '/notifications')]);

    const box = a.getByLabel("What's on your mind?");
    await box.fill('Dinner tonight? ');
    await box.pressSequentially('@L');
    // Both friends starting with L are offered; the arrow moves to the second, Enter picks it.
    const list = a.getByRole('listbox', { name: 'Friends to mention' });
    await list.getByRole('option', { name: /Lin Hua/ }).waitFor();
    await list.getByRole('option', { name: /Liu Yang/ }).waitFor();
    await box.pressSequentially('i');
    await box.pressSequentially('n');
    await expect.poll(() => list.getByRole('option').count()).toBe(1);
    await screenshot(a, 'mention-suggestions');
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe(`Dinner tonight? @${friend.handle} `);
    expect(await a.getByRole('listbox').count()).toBe(0);
    // Escape closes a list without picking.
    await box.pressSequentially('<b>bold</b> @L');
    await list.waitFor();
    await box.press('Escape');
    expect(await a.getByRole('listbox').count()).toBe(0);
    await a.getByRole('button', { name: 'Post', exact: true }).click();
    await a.locator('kj-post-card', { hasText: 'Dinner tonight?' }).waitFor();

    // Live: the notification arrives without a reload and opens the post.
    const note = f.locator('kj-notifications-page li', { hasText: 'Wen Jing mentioned you' });
    await note.getByRole('link').click();
    await f.waitForURL('**/post/*');
    const card = f.locator('kj-post-page kj-post-card');
    const link = card.getByRole('link', { name: '@Lin Hua' }); // shown by name, linking the handle's space
    expect(await link.getAttribute('href')).toBe(`/space/${friend.handle}`);
    await card.getByText('<b>bold</b>').waitFor(); // typed markup stays text
    expect(await card.locator('p.text b').count()).toBe(0);
    // The comment box suggests friends too.
    const comment = f.locator('kj-post-page kj-comments').getByLabel('Write a comment');
    await comment.pressSequentially('Yes! @We');
    await f
      .locator('kj-comments')
      .getByRole('option', { name: /Wen Jing/ })
      .waitFor();
    await comment.press('Enter');
    await expect.poll(() => comment.inputValue()).toBe(`Yes! @${author.handle} `);
    await f.locator('kj-post-page kj-comments').getByRole('button', { name: 'Send' }).click();
    await f.locator('kj-post-page kj-comments').getByRole('link', { name: '@Wen Jing' }).waitFor();

    await link.click();
    await f.waitForURL(`**/space/${friend.handle}`);
  });

  it('a mention in a comment arriving live, in a diary and in a guestbook entry links to the space (中文界面)', async () => {
    const host = await registerUser(e2e.hub, 'host', '王芳');
    const guest = await registerUser(e2e.hub, 'guest', '赵磊');
    const postId = ((await host.api.post('/posts', { kind: 'shuoshuo', text: '今天的晚霞', privacy: 'public' })).body as { post: PostDto })
      .post.id;
    const h = await open(host, `/post/${postId}`, { locale: 'zh-CN' });
    await h.locator('kj-post-page kj-post-card').getByText('今天的晚霞').waitFor();

    await guest.api.post(`/posts/${postId}/comments`, { text: `太美了 @${host.handle}` });
    const inComment = h.locator('kj-post-page kj-comments').getByRole('link', { name: '@王芳' });
    await inComment.waitFor();
    expect(await inComment.getAttribute('href')).toBe(`/space/${host.handle}`);

    // In a diary (HTML the hub sanitised) a mention links too.
    const diary = await guest.api.post('/posts', {
      kind: 'diary',
      title: '游记',
      text: `<p>和 <b>@${host.handle}</b> 一起去了西湖</p>`,
      privacy: 'public',
    });
    await h.goto(`${e2e.hub.url}/post/${(diary.body as { post: PostDto }).post.id}`);
    const inDiary = h.locator('kj-post-page kj-post-card .body b').getByRole('link', { name: '@王芳' });
    await inDiary.waitFor();
    expect(await inDiary.getAttribute('href')).toBe(`/space/${host.handle}`);

    await guest.api.post(`/spaces/${host.handle}/guestbook`, { text: `来看看 @${guest.handle}` });
    await h.goto(`${e2e.hub.url}/space/${host.handle}`);
    const inGuestbook = h.locator('kj-guestbook').getByRole('link', { name: '@赵磊' });
    await inGuestbook.waitFor();
    expect(await inGuestbook.getAttribute('href')).toBe(`/space/${guest.handle}`);
  });

  it('typing @小明 suggests 小明 by name (a friend or not); readers see “@小明”, underlined at ≥ 4.5:1; web addresses are links (中文界面)', async () => {
    const gang = await registerUser(e2e.hub, 'gang', '小刚');
    const ming = await registerUser(e2e.hub, 'ming', '小明');
    const g = await open(gang, '/', { locale: 'zh-CN' });
    g.setDefaultTimeout(15_000);
    const box = g.locator('kj-composer textarea');
    await box.pressSequentially('@小明');
    await g.locator('kj-composer').getByRole('option', { name: /小明/ }).waitFor();
    await box.press('Enter');
    await expect.poll(() => box.inputValue(), { timeout: 20_000 }).toBe(`@${ming.handle} `);
    await box.pressSequentially('看看 https://example.com/路线?day=1。还有 javascript:alert(1)');
    await g.locator('kj-composer').getByRole('button', { name: '发表', exact: true }).click();
    const card = g.locator('kj-post-card', { hasText: '看看' }).first();
    const mention = card.getByRole('link', { name: '@小明' });
    await mention.waitFor();
    expect(await mention.getAttribute('href')).toBe(`/space/${ming.handle}`);
    const look = await mention.evaluate((el) => {
      const style = getComputedStyle(el);
      return { underline: style.textDecorationLine, color: style.color };
    });
    expect(look.underline).toContain('underline');
    const [r, gg, b] = look.color.match(/\d+/g)!.map(Number) as [number, number, number];
    expect(contrastRatio([r, gg, b], [255, 255, 255])).toBeGreaterThanOrEqual(4.5);
    const web = card.getByRole('link', { name: 'https://example.com/路线?day=1' });
    expect(await web.getAttribute('rel')).toBe('noopener nofollow ugc');
    expect(await web.getAttribute('href')).toBe('https://example.com/%E8%B7%AF%E7%BA%BF?day=1');
    expect(await card.getByRole('link', { name: /javascript/ }).count()).toBe(0);

    // In a comment and in a guestbook entry too (the post went to friends: they become friends first).
    await makeFriends(gang, ming);
    const postId = (await card.locator('article').getAttribute('data-post-id'))!;
    expect((await ming.api.post(`/posts/${postId}/comments`, { text: '地图在 https://example.org/map 看' })).status).toBe(201);
    await g.goto(`${e2e.hub.url}/post/${postId}`);
    await g.locator('kj-comments').getByRole('link', { name: 'https://example.org/map' }).waitFor();
    await ming.api.post(`/spaces/${gang.handle}/guestbook`, { text: '我的相册 https://example.net/photos <b>不是标签</b>' });
    await g.goto(`${e2e.hub.url}/space/${gang.handle}`);
    const entry = g.locator('kj-guestbook').getByRole('link', { name: 'https://example.net/photos' });
    expect(await entry.getAttribute('rel')).toBe('noopener nofollow ugc');
    await g.locator('kj-guestbook').getByText('<b>不是标签</b>').waitFor();
  }, 90_000);
});
