/**
 * Chinese first, accessible, served right — in a real Chromium against a real hub:
 * both languages (lang attribute, translated navigation, the switch surviving a reload), axe-core on
 * every route in both languages (zero serious or critical violations), the skip link and focus ring,
 * every nav item reachable at 390 px, and the app opened by a host name that is not localhost
 * (Chromium's --host-resolver-rules) with no failed request, a compressed bundle and no source map.
 * Also takes the README's screenshots: into docs/screenshots/ with UPDATE_DOCS_SCREENSHOTS=1
 * (`npm run docs:screenshots`), else into the ignored test/e2e/screenshots/ so a test run leaves git clean.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlbumDto, InviteDto, MatchDto, PostDto } from '../../shared/dto.js';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
import { describeViolation, seriousAxeViolations } from './axe.js';
import { openAs, screenshotDir, startE2E, type E2E, type OpenOptions, type UserPage } from './browser.js';

const testHost = 'kongjian.test';
const docsShots = process.env.UPDATE_DOCS_SCREENSHOTS === '1' ? path.resolve('docs/screenshots') : screenshotDir;
const languages = [
  {
    locale: 'en-US',
    lang: 'en',
    feed: 'Feed',
    settings: 'Settings',
    games: 'Games',
    tabs: { feed: 'Friends’ feed', settings: 'Settings', signIn: 'Sign in' },
  },
  {
    locale: 'zh-CN',
    lang: 'zh-CN',
    feed: '好友动态',
    settings: '设置',
    games: '游戏',
    tabs: { feed: '好友动态', settings: '设置', signIn: '登录' },
  },
] as const;

let e2e: E2E;
let moderator: TestUser;
let owner: TestUser;
let visitor: TestUser;
let postId = '';
let matchId = '';
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E({ chromiumArgs: [`--host-resolver-rules=MAP ${testHost} 127.0.0.1`] });
  moderator = await registerUser(e2e.hub, 'moderator', 'Mod Squad'); // the hub's first account moderates
  owner = await registerUser(e2e.hub, 'libai', '李白');
  visitor = await registerUser(e2e.hub, 'dufu', '杜甫');
  await makeFriends(owner, visitor);
  await makeFriends(owner, moderator);
  const post = await owner.api.post('/posts', {
    kind: 'shuoshuo',
    text: '床前明月光，疑是地上霜。🌙 Moonlight before my bed.',
    privacy: 'friends',
    images: [],
  });
  expect(post.status, JSON.stringify(post.body)).toBe(201);
  postId = (post.body as { post: PostDto }).post.id;
  await visitor.api.post(`/posts/${postId}/comments`, { text: '好诗！举头望明月。' });
  await visitor.api.post(`/spaces/${owner.handle}/guestbook`, { text: '来访留念 ✍️', private: false });
  await visitor.api.post(`/conversations/${owner.handle}/messages`, { text: '床前明月光 🌙', clientId: randomUUID() });
  const album = await owner.api.post('/albums', { title: '长安春游', privacy: 'friends' });
  expect(album.status, JSON.stringify(album.body)).toBe(201);
  void (album.body as { album: AlbumDto }).album;
  const invite = await owner.api.post('/invites', { to: visitor.handle, game: 'gomoku' });
  expect(invite.status, JSON.stringify(invite.body)).toBe(201);
  const accepted = await visitor.api.post(`/invites/${(invite.body as { invite: InviteDto }).invite.id}/accept`);
  matchId = (accepted.body as { match: MatchDto }).match.id;
}, 120_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

async function open(
  user: TestUser,
  urlPath: string,
  options: OpenOptions & { viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const o = await openAs(e2e, user, urlPath, options.viewport ?? { width: 1200, height: 900 }, options);
  opened.push(o);
  return o.page;
}

/** Each route, who opens it, and what shows once it has loaded. */
const routes = () =>
  [
    { name: 'feed', user: owner, path: '/', ready: 'kj-post-card article' },
    { name: 'space as owner', user: owner, path: `/space/${owner.handle}`, ready: 'kj-space-view kj-post-card article' },
    { name: 'space as visitor', user: visitor, path: `/space/${owner.handle}`, ready: 'kj-space-view kj-post-card article' },
    { name: 'post', user: visitor, path: `/post/${postId}`, ready: 'kj-post-card article' },
    { name: 'albums', user: owner, path: `/space/${owner.handle}/albums`, ready: 'h1' },
    { name: 'settings', user: owner, path: '/settings', ready: 'kj-space-view' },
    { name: 'notifications', user: owner, path: '/notifications', ready: 'kj-notifications-page li' },
    { name: 'games', user: owner, path: '/games', ready: `kj-games-page li[data-friend="${visitor.handle}"]` },
    { name: 'match', user: visitor, path: `/games/${matchId}`, ready: 'kj-gomoku-board [data-x="0"]' },
    { name: 'chat', user: owner, path: `/chat/${visitor.handle}`, ready: 'kj-conversation li[data-seq="1"]' },
    { name: 'moderation', user: moderator, path: '/moderation', ready: 'kj-audit-log' },
  ] as const;
/** The route names, known before the users exist (a test per route). */
const routeNames = [
  'feed',
  'space as owner',
  'space as visitor',
  'post',
  'albums',
  'settings',
  'notifications',
  'games',
  'match',
  'chat',
  'moderation',
] as const;

describe.each(languages)('in $lang', (language) => {
  // The routes load side by side, each in its own context of the one browser (a few at a time, vitest's
  // maxConcurrency): most of a route's time is waiting on the page, the socket and the hub, not CPU.
  describe.concurrent('every route', () => {
    it.for(routeNames)(
      '%s: sets <html lang>, translates the navigation, has an h1 and no serious axe violation',
      { timeout: 150_000 },
      async (name, { expect }) => {
        const { user, path: urlPath, ready } = routes().find((r) => r.name === name)!;
        const page = await open(user, urlPath, { locale: language.locale, bypassCSP: true });
        await page.locator(ready).first().waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(language.lang);
        const nav = page.locator('kj-header nav');
        await nav.getByRole('link', { name: language.feed, exact: true }).waitFor();
        await nav.getByRole('link', { name: language.settings, exact: true }).waitFor();
        expect(await page.locator('h1').count(), `${name}: h1`).toBeGreaterThanOrEqual(1);
        if (name === 'feed' || name === 'settings') {
          // The unread total leads the title while anything is unread (v1.2), e.g. `(3) 好友动态 · 空间 Kongjian`.
          expect((await page.title()).replace(/^\(\d+\) /, ''), `${name}: tab title`).toBe(`${language.tabs[name]} · 空间 Kongjian`);
        }
        const problems = (await seriousAxeViolations(page)).map((v) => describeViolation(name, v));
        if (name === 'feed') {
          // The README's screenshot of this language.
          await page.screenshot({ path: path.join(docsShots, `feed-${language.lang}.png`) });
        }
        await page.context().close();
        expect(problems, problems.join('\n')).toEqual([]);
      },
    );
  });

  it('the sign-in page is in the browser language with no serious axe violation', async () => {
    const context = await e2e.browser.newContext({ locale: language.locale, bypassCSP: true, viewport: { width: 1200, height: 900 } });
    opened.push({ context, page: await context.newPage() });
    const page = opened.at(-1)!.page;
    await page.goto(e2e.hub.url + '/');
    await page.locator('kj-auth form').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(language.lang);
    await page.getByRole('tab', { name: language.lang === 'en' ? 'Sign in' : '登录' }).waitFor();
    expect(await page.title()).toBe(`${language.tabs.signIn} · 空间 Kongjian`);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('at 390 px wide every nav item is on screen and reachable, and the skip link moves focus to the content', async () => {
    const page = await open(moderator, '/', { locale: language.locale, viewport: { width: 390, height: 844 } });
    const links = page.locator('kj-header nav a');
    expect(await links.count()).toBe(5); // feed, my space, games, settings, moderation
    for (let i = 0; i < 5; i++) {
      const box = (await links.nth(i).boundingBox())!;
      expect(box.x, `nav item ${i}`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `nav item ${i}`).toBeLessThanOrEqual(390);
    }
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(390);
    await links.last().click();
    await page.waitForURL(/\/moderation$/);

    // Keyboard: the first Tab lands on the skip link, shown on screen; Enter puts focus on <main>.
    await page.goto(e2e.hub.url + '/');
    await page.locator('kj-feed-page h1').waitFor();
    await page.keyboard.press('Tab');
    const skip = page.locator('kj-header a.skip');
    expect(await skip.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    const skipBox = (await skip.boundingBox())!;
    expect(skipBox.x).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.querySelector('kj-app')?.shadowRoot?.activeElement?.id)).toBe('main');
    // Focus is visible: the next focusable link draws a ring.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el) return 'none';
      const style = getComputedStyle(el);
      return `${style.boxShadow}|${style.outlineStyle}`;
    });
    expect(ring).not.toBe('none|none');
  });
});

describe('the language switch', () => {
  it('switches an English browser to Chinese, keeps it across a reload, and back', async () => {
    const page = await open(owner, '/settings', { locale: 'en-US' });
    const nav = page.locator('kj-header nav');
    await nav.getByRole('link', { name: 'Feed', exact: true }).waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await nav.getByRole('link', { name: '好友动态', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.evaluate(() => localStorage.getItem('kongjian.locale'))).toBe('zh-CN');
    await page.locator('kj-settings-page').getByRole('heading', { name: '装扮我的空间' }).waitFor();

    await page.reload();
    await nav.getByRole('link', { name: '好友动态', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // Dates and numbers follow too: the post's relative time reads in Chinese.
    await page.goto(e2e.hub.url + '/');
    await page
      .locator('kj-post-card time', { hasText: /刚刚|分钟前/ })
      .first()
      .waitFor();

    await page.goto(e2e.hub.url + '/settings');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await nav.getByRole('link', { name: 'Feed', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('a saved English choice wins over a Chinese browser', async () => {
    const o = await openAs(e2e, visitor, '/', { width: 1200, height: 900 }, { locale: 'zh-CN' });
    opened.push(o);
    await o.page.locator('kj-header nav').getByRole('link', { name: '好友动态', exact: true }).waitFor();
    await o.page.evaluate(() => localStorage.setItem('kongjian.locale', 'en'));
    await o.page.reload();
    await o.page.locator('kj-header nav').getByRole('link', { name: 'Feed', exact: true }).waitFor();
    expect(await o.page.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});

describe('language detection', () => {
  it('a traditional-Chinese browser (zh-TW) gets English, a zh-SG one Simplified Chinese', async () => {
    for (const [locale, lang, feed] of [
      ['zh-TW', 'en', 'Feed'],
      ['zh-SG', 'zh-CN', '好友动态'],
    ] as const) {
      const page = await open(visitor, '/', { locale });
      await page.locator('kj-header nav').getByRole('link', { name: feed, exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang), locale).toBe(lang);
      await page.context().close();
    }
  });
});

describe('served right', () => {
  it(`opened as http://${testHost}, the signed-in feed renders and goes live with no failed request, a compressed bundle and no source map`, async () => {
    const port = new URL(e2e.hub.url).port;
    const base = `http://${testHost}:${port}`;
    const context = await e2e.browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'zh-CN' });
    opened.push({ context, page: await context.newPage() });
    await context.addInitScript((token: string) => localStorage.setItem('kongjian.token', token), visitor.token);
    const page = opened.at(-1)!.page;
    const failed: string[] = [];
    const encodings = new Map<string, string>();
    page.on('requestfailed', (r) => failed.push(`${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      if (r.url().includes('/assets/') && r.url().endsWith('.js')) encodings.set(r.url(), r.headers()['content-encoding'] ?? 'identity');
    });
    await page.goto(`${base}/`);
    await page.locator('kj-feed-page h1', { hasText: '好友动态' }).waitFor();
    await page.locator('kj-post-card article', { hasText: '床前明月光' }).waitFor();
    // Live over the socket reached by the same host name: a new post from a friend arrives.
    await owner.api.post('/posts', { kind: 'shuoshuo', text: '举杯邀明月，对影成三人。', privacy: 'friends', images: [] });
    await page.locator('kj-post-card article', { hasText: '举杯邀明月' }).waitFor();
    expect(page.url().startsWith(base)).toBe(true);
    expect(failed).toEqual([]);

    // Every script was sent compressed (Chromium asks plain-HTTP hosts for gzip; brotli where it may).
    expect(encodings.size).toBeGreaterThan(0);
    for (const [url, encoding] of encodings) expect(['br', 'gzip'], url).toContain(encoding);
    const script = [...encodings.keys()][0]!;
    // Asked from the page itself (the test's host name resolves only inside Chromium).
    const [mapStatus, body] = await page.evaluate(async (url) => {
      const map = await fetch(`${url}.map`);
      return [map.status, await (await fetch(url)).text()] as const;
    }, script);
    expect(mapStatus).toBe(404);
    expect(body).not.toContain('sourceMappingURL');
  }, 60_000);
});
