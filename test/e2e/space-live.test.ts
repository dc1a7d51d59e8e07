/**
 * A visitor with a space open sees its owner's changes without a reload — the title, the layout, the
 * colours and which modules show — saved from the owner's settings in another browser (中文界面).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, type TestUser } from '../helpers/users.js';
import { openAs, startE2E, type E2E, type UserPage } from './browser.js';

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

describe('a space changes live for its visitors', () => {
  it('title, layout and a hidden module reach an open visitor page without a reload', async () => {
    const owner = await registerUser(e2e.hub, 'decorator', '小美');
    const visitor = await registerUser(e2e.hub, 'onlooker', '小李');
    await owner.api.post(`/spaces/${owner.handle}/guestbook`, { text: '欢迎来玩' });

    const v = await open(visitor, `/space/${owner.handle}`, { width: 390, height: 844 });
    const view = v.page.locator('kj-space-page kj-space-view');
    await view.locator('h1').waitFor();
    await view.locator('[data-module="guestbook"]').waitFor();
    const marker = await v.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    expect(marker).toBe(true);

    const o = await open(owner, '/settings');
    await o.page.locator('kj-theme-form #title').fill('小美的花园');
    await o.page.locator('kj-theme-form #layout').selectOption('wide');
    await o.page.locator('kj-module-editor #vis-guestbook').uncheck();
    await o.page.getByRole('button', { name: '保存修改' }).click();
    await o.page.getByText('已保存，你的空间现在是这个样子。').waitFor();

    await view.locator('h1', { hasText: '小美的花园' }).waitFor();
    await view.locator('[data-layout="wide"]').waitFor();
    await view.locator('[data-module="guestbook"]').waitFor({ state: 'detached' });
    expect(await v.page.title()).toContain('小美的花园');
    expect(await v.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // And back: the module returns, with its entries.
    await o.page.locator('kj-module-editor #vis-guestbook').check();
    await o.page.getByRole('button', { name: '保存修改' }).click();
    await view.locator('[data-module="guestbook"]').getByText('欢迎来玩').waitFor();
  });
});
