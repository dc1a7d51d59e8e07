/**
 * The audience picker (groups, 不给谁看) in the new-album form and the repost dialog, three people:
 * Wen, on a 390 px phone in Chinese, makes an album for the group 家人 (Lin) — Lin's open albums page
 * shows it live, Liu's (a friend outside the group) never does; then Wen reposts Lin's post hidden
 * from Liu — Lin's open feed gets the repost live, Liu's does not, nor after a reload. Lin reads in English.
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

async function open(user: TestUser, path: string, locale = 'en-US', width = 390): Promise<Page> {
  const o = await openAs(e2e, user, path, { width, height: 844 }, { locale });
  opened.push(o);
  o.context.setDefaultTimeout(20_000);
  return o.page;
}

describe('the audience picker in the album form and the repost dialog', () => {
  it('a group album and a repost hidden from a friend reach only whom they should, live', async () => {
    const wen = await registerUser(e2e.hub, 'wen', '文静');
    const lin = await registerUser(e2e.hub, 'lin', 'Lin Hua');
    const liu = await registerUser(e2e.hub, 'liu', 'Liu Yang');
    await makeFriends(wen, lin);
    await makeFriends(wen, liu);
    const family = (await wen.api.post('/groups', { name: '家人' })).body.group as { id: string };
    expect((await wen.api.patch(`/groups/${family.id}`, { members: [lin.handle] })).status).toBe(200);

    // The album: for 家人 only.
    const [l, u] = [await open(lin, `/space/${wen.handle}/albums`, 'en-US', 1200), await open(liu, `/space/${wen.handle}/albums`)];
    await l.locator('kj-albums-page').getByText('No albums yet', { exact: false }).waitFor();
    const w = await open(wen, `/space/${wen.handle}/albums`, 'zh-CN');
    const form = w.locator('kj-albums-page form');
    await form.getByLabel('相册名称').fill('春游');
    await form.getByLabel('谁可以看').selectOption('groups');
    await form.getByRole('checkbox', { name: '家人' }).check();
    await form.getByRole('button', { name: '创建相册' }).click();
    await w.waitForURL(/\/albums\/[0-9a-f]{24}$/);
    await l.locator('kj-albums-page').getByText('春游').waitFor(); // live, no reload
    await u.reload();
    await u.locator('kj-albums-page').getByText('No albums yet', { exact: false }).waitFor();
    expect(await u.locator('kj-albums-page').getByText('春游').count()).toBe(0);

    // The repost: Lin's post, hidden from Liu.
    const original = (await lin.api.post('/posts', { kind: 'shuoshuo', text: 'Spring rain at night', privacy: 'public' })).body.post as {
      id: string;
    };
    const [lf, uf] = [await open(lin, '/', 'en-US', 1200), await open(liu, '/')];
    await w.goto(`${e2e.hub.url}/`);
    const card = w.locator(`kj-post-card article[data-post-id="${original.id}"]`).first();
    await card.locator('kj-repost-button').getByRole('button', { name: /^转载/ }).click();
    const dialog = w.getByRole('dialog');
    await dialog.getByLabel('说点什么（可不填）').fill('好诗');
    await dialog.getByLabel('谁可以看').selectOption('except');
    await dialog.getByRole('checkbox', { name: 'Liu Yang' }).check();
    await dialog.getByRole('button', { name: '转载', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await lf.locator('kj-feed-page kj-post-card', { hasText: '好诗' }).first().waitFor(); // live
    // Wen's next post reaches Liu live; the repost, pushed before it, would have come first.
    await wen.api.post('/posts', { kind: 'shuoshuo', text: 'Later that day', privacy: 'friends' });
    await uf.locator('kj-feed-page kj-post-card', { hasText: 'Later that day' }).waitFor();
    expect(await uf.locator('kj-feed-page kj-post-card', { hasText: '好诗' }).count()).toBe(0);
    await uf.reload();
    await uf.locator('kj-feed-page kj-post-card', { hasText: 'Later that day' }).waitFor();
    expect(await uf.locator('kj-feed-page kj-post-card', { hasText: '好诗' }).count()).toBe(0);
  }, 150_000);
});
