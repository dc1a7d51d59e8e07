/**
 * A new space's default title is in its owner's language ("小明的空间" for a Chinese sign-up,
 * "Xiaoming's space" for an English one), every visitor sees the owner's, and while the owner keeps the
 * default it follows their language; a title of their own stays as they wrote it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { registerUser, uniqueHandle } from '../helpers/users.js';
import { apiClient } from '../helpers/api.js';
import { openAs, startE2E, type E2E } from './browser.js';

let e2e: E2E;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  await registerUser(e2e.hub, 'moderator', 'Mod Squad');
}, 90_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await e2e?.close();
});

const spaceTitle = (page: Page) => page.locator('kj-space-view h1');

describe('the default space title', () => {
  it('follows the owner’s language: 小明的空间 for a Chinese sign-up, and English after switching', async () => {
    const context = await e2e.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(e2e.hub.url + '/');
    await page.getByRole('tab', { name: '注册' }).click();
    const handle = uniqueHandle('xiaoming');
    await page.getByRole('textbox', { name: '账号' }).fill(handle);
    await page.getByLabel('昵称').fill('小明');
    await page.getByLabel('密码').fill('correct horse battery');
    await page.getByRole('button', { name: '创建我的空间' }).click();
    await page.locator('kj-header').waitFor();
    await page.goto(`${e2e.hub.url}/space/${handle}`);
    await expect.poll(() => spaceTitle(page).textContent(), { timeout: 20_000 }).toBe('小明的空间');

    // An English-speaking visitor sees the owner's title, in the owner's language.
    const visitor = await registerUser(e2e.hub, 'visitor', 'Visitor');
    const v = await openAs(e2e, visitor, `/space/${handle}`, undefined, { locale: 'en-US' });
    contexts.push(v.context);
    await expect.poll(() => spaceTitle(v.page).textContent(), { timeout: 20_000 }).toBe('小明的空间');

    // Saving the look with the title untouched keeps it the default, so it still follows the language.
    await page.goto(e2e.hub.url + '/settings');
    const titleField = page.locator('kj-theme-form #title');
    await expect.poll(() => titleField.inputValue(), { timeout: 20_000 }).toBe('小明的空间');
    await page.locator('kj-theme-form #layout').selectOption('wide');
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('已保存，你的空间现在是这个样子。').waitFor();
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.locator('kj-header').getByRole('link', { name: 'Feed', exact: true }).waitFor();
    const anyone = apiClient(e2e.hub.url);
    await expect
      .poll(async () => (await anyone.call('GET /spaces/:handle', { params: { handle } })).space.title, { timeout: 20_000 })
      .toBe("小明's space");
    await v.page.reload();
    await expect.poll(() => spaceTitle(v.page).textContent(), { timeout: 20_000 }).toBe("小明's space");
  });

  it('an English sign-up gets “Xiaoming’s space”; a title of the owner’s own does not follow the language', async () => {
    const res = await apiClient(e2e.hub.url).request('POST /auth/register', {
      body: { handle: uniqueHandle('xm'), password: 'correct horse battery', displayName: 'Xiaoming', locale: 'en' },
    });
    if (!res.ok) throw new Error(`register: ${res.status}`);
    const { user, token } = res.body;
    const me = apiClient(e2e.hub.url, token);
    const title = async () => (await me.call('GET /spaces/:handle', { params: { handle: user.handle } })).space.title;
    expect(await title()).toBe("Xiaoming's space");
    await me.call('PATCH /me', { body: { locale: 'zh-CN' } });
    await expect.poll(title, { timeout: 20_000 }).toBe('Xiaoming的空间');
    await me.call('PATCH /spaces/me', { body: { title: 'Corner of Xiaoming' } });
    await me.call('PATCH /me', { body: { locale: 'en' } });
    await expect.poll(title, { timeout: 20_000 }).toBe('Corner of Xiaoming');
  });
});
