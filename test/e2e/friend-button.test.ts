/**
 * 加好友 wherever a person is shown, in Chinese: from a search result, on their space, among
 * visitors, beside a comment and in "可能认识的人" — each saying where the request stands (sent,
 * accept, friends), and changing live on every open page when the other side answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PostDto } from '../../shared/dto.js';
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

async function open(user: TestUser, path: string, viewport = { width: 1200, height: 900 }): Promise<UserPage> {
  const o = await openAs(e2e, user, path, viewport, { locale: 'zh-CN' });
  opened.push(o);
  o.context.setDefaultTimeout(20_000);
  return o;
}

const friendButton = (page: Page, scope: string) => page.locator(`${scope} kj-friend-button`);

describe('加好友 wherever a person is shown', () => {
  it('search → request → the other side accepts on their space → both see 好友 live, and 可能认识的人 follows', async () => {
    const xiaoming = await registerUser(e2e.hub, 'xiaoming', '小明');
    const xiaohong = await registerUser(e2e.hub, 'xiaohong', '小红');
    const xiaogang = await registerUser(e2e.hub, 'xiaogang', '小刚');
    await makeFriends(xiaohong, xiaogang);
    const post = (
      (await xiaohong.api.post('/posts', { kind: 'shuoshuo', text: '周末去爬山', privacy: 'public' })).body as { post: PostDto }
    ).post;
    await xiaogang.api.post(`/posts/${post.id}/comments`, { text: '带上我' });

    // 小明 finds 小红 by name in the header's search and asks from the result.
    const m = await open(xiaoming, '/');
    const box = m.page.getByRole('combobox', { name: '搜索用户' });
    await box.fill('小红');
    const results = m.page.getByRole('listbox', { name: '找到的用户' });
    await results.getByRole('button', { name: '加小红为好友' }).click();
    await results.getByText('已发送请求').waitFor();
    await screenshot(m.page, 'friend-button-search').catch(() => undefined);

    // 小刚's comment on 小红's post offers 加好友; on 小红's space the profile card says the request is sent.
    await m.page.goto(`${e2e.hub.url}/post/${post.id}`);
    await m.page.locator('kj-comments').getByRole('button', { name: '加小刚为好友' }).waitFor();
    await m.page.goto(`${e2e.hub.url}/space/${xiaohong.handle}`);
    const card = friendButton(m.page, 'kj-profile-card');
    await card.getByText('已发送请求').waitFor();
    // The feed in a second tab: no suggestions yet (小明 has no friends).
    const feed = await m.context.newPage();
    await feed.goto(e2e.hub.url + '/');
    await feed.locator('kj-friends-panel').waitFor();
    expect(await feed.locator('kj-friend-suggestions li').count()).toBe(0);

    // 小红 sees 小明 among her visitors with 接受好友请求, and accepts there.
    const h = await open(xiaohong, `/space/${xiaohong.handle}`);
    const visitor = h.page.locator('kj-visitors li', { hasText: '小明' });
    await visitor.getByRole('button', { name: '接受 小明 的好友请求' }).click();
    await visitor.getByText('好友').waitFor();

    // 小明's open pages follow without a reload: the card says 好友, and 小刚 is now someone 小明 may know.
    await card.getByText('好友').waitFor();
    expect(await card.getByRole('button').count()).toBe(0);
    const suggestion = feed.locator(`kj-friend-suggestions li[data-suggested="${xiaogang.handle}"]`);
    await suggestion.getByRole('button', { name: '加小刚为好友' }).click();
    await suggestion.getByText('已发送请求').waitFor();
  }, 120_000);
});
