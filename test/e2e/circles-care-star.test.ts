/**
 * The special-care star (特别关心) next to an author's name in the feed: Wen (a 390 px phone, Chinese)
 * marks Lin in the friends list and the star shows at once on Lin's post in the feed; Lin's next post
 * arrives live with its star; Liu's posts never get one; unmarking takes the stars away. On another
 * device, in English, the star reads "Special care", and each device follows the other's marks live.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
import { openAs, startE2E, type E2E, type UserPage } from './browser.js';

let e2e: E2E;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
}, 90_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

async function open(user: TestUser, path: string, locale: string, width: number): Promise<Page> {
  const o = await openAs(e2e, user, path, { width, height: 844 }, { locale });
  opened.push(o);
  o.context.setDefaultTimeout(20_000);
  return o.page;
}

const card = (page: Page, text: string) => page.locator('kj-feed-page kj-post-card', { hasText: text });

describe('the special-care star in the feed', () => {
  it('shows next to a cared-for friend’s name at once, on live posts too, and goes when unmarked', async () => {
    const wen = await registerUser(e2e.hub, 'wen', '文静');
    const lin = await registerUser(e2e.hub, 'lin', 'Lin Hua');
    const liu = await registerUser(e2e.hub, 'liu', 'Liu Yang');
    await makeFriends(wen, lin);
    await makeFriends(wen, liu);
    await lin.api.post('/posts', { kind: 'shuoshuo', text: '早上好', privacy: 'friends' });
    await liu.api.post('/posts', { kind: 'shuoshuo', text: '下雨了', privacy: 'friends' });

    const w = await open(wen, '/', 'zh-CN', 390);
    await card(w, '早上好').waitFor();
    expect(await card(w, '早上好').getByRole('img', { name: '特别关心' }).count()).toBe(0);

    // Marked in the friends list: the star shows on Lin's post, not on Liu's.
    await w.locator('kj-friends-panel').getByRole('button', { name: '特别关心Lin Hua' }).click();
    await card(w, '早上好').getByRole('img', { name: '特别关心' }).waitFor();
    expect(await card(w, '下雨了').getByRole('img', { name: '特别关心' }).count()).toBe(0);

    // Lin's next post arrives live, starred (back at the top, where new posts join the list); and
    // another device in English shows the star too.
    await w.evaluate(() => window.scrollTo(0, 0));
    await lin.api.post('/posts', { kind: 'shuoshuo', text: '中午吃面', privacy: 'friends' });
    await card(w, '中午吃面').getByRole('img', { name: '特别关心' }).waitFor();
    const desk = await open(wen, '/', 'en-US', 1200);
    await card(desk, '中午吃面').getByRole('img', { name: 'Special care' }).waitFor();

    // Unmarked: the stars go.
    await w.locator('kj-friends-panel').getByRole('button', { name: '取消对Lin Hua的特别关心' }).click();
    await card(w, '早上好').getByRole('img', { name: '特别关心' }).waitFor({ state: 'detached' });
    expect(await w.getByRole('img', { name: '特别关心' }).count()).toBe(0);
    // …and on the other device, open all along, without a reload (care:change).
    await card(desk, '中午吃面').getByRole('img', { name: 'Special care' }).waitFor({ state: 'detached' });
    await desk.locator('kj-friends-panel').getByRole('button', { name: 'Special care for Lin Hua' }).waitFor();

    // Marked again on the desk: the phone's feed and friends list follow, live.
    await desk.locator('kj-friends-panel').getByRole('button', { name: 'Special care for Lin Hua' }).click();
    await card(w, '早上好').getByRole('img', { name: '特别关心' }).waitFor();
    await w.locator('kj-friends-panel').getByRole('button', { name: '取消对Lin Hua的特别关心' }).waitFor();
  }, 120_000);
});
