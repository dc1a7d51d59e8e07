/**
 * Scheduled posts (定时发表) and links in the browser: the author schedules a shuoshuo a few seconds
 * ahead (the hub's least lead time is shortened for the test; the picker's own minute minimum is
 * lifted the same way), sees it waiting in "Scheduled posts", and the friend sees it appear live at
 * its time — with its web address a safe link. In Chinese at 390 px the author edits a scheduled post
 * and cancels another; the feed with the list has no serious axe violation in either language. A
 * link to a page on loopback (admitted by LINK_PREVIEW_ALLOW) gets its card live on a friend's feed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
import { seriousAxeViolations } from './axe.js';
import { openAs, screenshot, startE2E, type E2E, type OpenOptions, type UserPage } from './browser.js';

let e2e: E2E;
let pages: http.Server;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E({ hubEnv: { SCHEDULE_MIN_LEAD_MS: '0', SCHEDULE_POLL_MS: '60000', LINK_PREVIEW_ALLOW: '127.0.0.1' } });
  // A page to preview, on loopback (admitted for this hub by LINK_PREVIEW_ALLOW).
  const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#2a7' } })
    .png()
    .toBuffer();
  pages = http.createServer((req, res) => {
    if (req.url === '/image.png') res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    else
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          '<html><head><meta property="og:title" content="西湖游记"><meta property="og:description" content="Boats, tea and willows"><meta property="og:image" content="/image.png"></head></html>',
        );
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
}, 90_000);

afterAll(async () => {
  pages?.closeAllConnections();
  pages?.close();
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

async function open(user: TestUser, path = '/', viewport?: { width: number; height: number }, options: OpenOptions = {}): Promise<Page> {
  const o = await openAs(e2e, user, path, viewport, options);
  opened.push(o);
  o.page.setDefaultTimeout(15_000);
  return o.page;
}

/** `ms` from now as a `datetime-local` value with seconds, in the page's time zone. */
const localIn = (page: Page, ms: number) =>
  page.evaluate((ahead) => {
    const d = new Date(Date.now() + ahead);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }, ms);

describe('scheduled posts and links', { timeout: 90_000 }, () => {
  it('a post scheduled in the composer waits for its author and appears live for a friend at its time, its link safe', async () => {
    const author = await registerUser(e2e.hub, 'mei', 'Mei Lan');
    const friend = await registerUser(e2e.hub, 'jun', 'Jun Wei');
    await makeFriends(author, friend);
    const [a, f] = await Promise.all([open(author, '/', undefined, { bypassCSP: true }), open(friend, '/')]);
    await f.getByText('Your feed is quiet.').waitFor();

    await a.getByLabel("What's on your mind?").fill('Dinner at eight, menu at https://example.com/menu?day=7.');
    await a.getByRole('button', { name: 'Schedule' }).click();
    const at = a.getByLabel('Publish at');
    // Seconds, not minutes: the test hub takes any time ahead, the browser's field a minute ahead at least.
    const when = await localIn(a, 4_000);
    await at.evaluate((input: HTMLInputElement, value) => {
      input.step = '1';
      input.min = '';
      input.value = value;
    }, when);
    await a.getByRole('button', { name: 'Post', exact: true }).click();
    await a.getByText(/Scheduled for .*Only you can see it until then\./).waitFor();
    const waiting = a.locator('kj-scheduled-posts li', { hasText: 'Dinner at eight' });
    await waiting.waitFor();
    expect(await a.locator('kj-feed-page kj-post-card', { hasText: 'Dinner at eight' }).count()).toBe(0);
    expect(await f.locator('kj-post-card', { hasText: 'Dinner at eight' }).count()).toBe(0);
    await screenshot(a, 'scheduled-waiting');
    expect(await seriousAxeViolations(a)).toEqual([]);

    // At its time: live on the friend's feed, gone from the author's list, on the author's feed too.
    const card = f.locator('kj-post-card', { hasText: 'Dinner at eight' });
    await card.waitFor({ timeout: 15_000 });
    await waiting.waitFor({ state: 'detached' });
    await a.locator('kj-post-card', { hasText: 'Dinner at eight' }).waitFor();
    const link = card.getByRole('link', { name: 'https://example.com/menu?day=7' });
    expect(await link.getAttribute('href')).toBe('https://example.com/menu?day=7');
    expect(await link.getAttribute('rel')).toBe('noopener nofollow ugc');
    await screenshot(f, 'scheduled-arrived');
  });

  it('in Chinese at 390 px: the picker, the list, editing the text and time, and cancelling', async () => {
    const author = await registerUser(e2e.hub, 'xue', 'Xue Li');
    // One published post: an empty feed is a `role=feed` without articles, which axe reports on its own.
    expect((await author.api.post('/posts', { kind: 'shuoshuo', text: '你好', privacy: 'friends' })).status).toBe(201);
    const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    for (const [text, h] of [
      ['周末去爬山', 5],
      ['明天的早餐', 3],
    ] as const) {
      const res = await author.api.post('/posts', { kind: 'shuoshuo', text, privacy: 'friends', publishAt: inHours(h) });
      expect(res.status).toBe(201);
    }
    const p = await open(author, '/', { width: 390, height: 844 }, { locale: 'zh-CN', bypassCSP: true });
    const list = p.locator('kj-scheduled-posts');
    await list.getByRole('heading', { name: '定时发表（2）' }).waitFor();
    // Soonest first.
    await expect.poll(() => list.locator('li p.text').allTextContents()).toEqual(['明天的早餐', '周末去爬山']);
    await p.getByRole('button', { name: '定时发表', exact: true }).click();
    await p.getByLabel('发表时间').waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(p, 'scheduled-zh-390');
    expect(await seriousAxeViolations(p)).toEqual([]);

    const first = list.locator('li', { hasText: '明天的早餐' });
    await first.getByRole('button', { name: '修改' }).click();
    await list.getByLabel('内容').fill('明天的早餐：豆浆油条');
    await list.getByLabel('发表时间').fill(await localIn(p, 6 * 3600_000).then((v) => v.slice(0, 16)));
    await list.getByRole('button', { name: '保存' }).click();
    // The edited one now goes out after the other: the order follows.
    await expect.poll(() => list.locator('li p.text').allTextContents()).toEqual(['周末去爬山', '明天的早餐：豆浆油条']);
    const stored = (await author.api.get('/posts/scheduled')).body.posts as Array<{ text: string }>;
    expect(stored.map((s) => s.text)).toEqual(['周末去爬山', '明天的早餐：豆浆油条']);

    await list.locator('li', { hasText: '周末去爬山' }).getByRole('button', { name: '取消发表' }).click();
    await expect.poll(() => list.locator('li p.text').allTextContents()).toEqual(['明天的早餐：豆浆油条']);
    expect((await author.api.get('/posts/scheduled')).body.posts).toHaveLength(1);
  });

  it('a link card: the friend sees the preview arrive live under the post, its image served by the hub', async () => {
    const author = await registerUser(e2e.hub, 'hong', 'Hong Yu');
    const friend = await registerUser(e2e.hub, 'ping', 'Ping An');
    await makeFriends(author, friend);
    const f = await open(friend, '/', { width: 390, height: 844 });
    const url = `http://127.0.0.1:${(pages.address() as AddressInfo).port}/west-lake`;
    expect((await author.api.post('/posts', { kind: 'shuoshuo', text: `Trip notes: ${url}`, privacy: 'friends' })).status).toBe(201);
    const card = f.locator('kj-post-card', { hasText: 'Trip notes' }).locator('kj-link-card');
    await card.getByText('西湖游记').waitFor();
    await card.getByText('Boats, tea and willows').waitFor();
    const link = card.getByRole('link');
    expect(await link.getAttribute('href')).toBe(url);
    expect(await link.getAttribute('rel')).toBe('noopener nofollow ugc');
    expect(await card.locator('img').getAttribute('src')).toMatch(/^\/link-previews\/[0-9a-f]{64}\.webp$/);
    await expect.poll(() => card.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await screenshot(f, 'link-card-390');
  });
});
