/**
 * The header's people search in a real browser, two people: one finds the other by a Chinese
 * display-name prefix and by handle, and opens their space; someone who blocks the searcher is
 * never listed. Also in Chinese (zh-CN), where the box speaks Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../helpers/users.js';
import { openAs, screenshot, startE2E, type E2E, type UserPage } from './browser.js';

let e2e: E2E;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
}, 90_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

describe('people search', () => {
  it('finds a person by a Chinese name prefix and opens their space; a blocker is never listed', async () => {
    const seeker = await registerUser(e2e.hub, 'seeker', 'Seeker');
    const found = await registerUser(e2e.hub, 'meili', '美丽的小花');
    const hider = await registerUser(e2e.hub, 'meihider', '美丽的隐士');
    await hider.api.put(`/blocks/${seeker.handle}`);
    const o = await openAs(e2e, seeker, '/');
    opened.push(o);
    const box = o.page.getByRole('combobox', { name: 'Search people' });
    await box.fill('美丽');
    const list = o.page.getByRole('listbox', { name: 'People found' });
    await list.getByText('美丽的小花').waitFor();
    expect(await list.getByText('美丽的隐士').count()).toBe(0);
    await screenshot(o.page, 'social-search-results').catch(() => undefined);
    await box.press('Enter');
    await o.page.waitForURL(`**/space/${found.handle}`);

    await box.fill(`@${found.handle.slice(0, 8)}`);
    await list.getByText(`@${found.handle}`).waitFor();
    await box.fill('nobody-is-called-this');
    await list.getByText('No one found').waitFor();
  });

  it('speaks Chinese in zh-CN', async () => {
    const seeker = await registerUser(e2e.hub, 'zhseeker', '找人的人');
    const o = await openAs(e2e, seeker, '/', { width: 1200, height: 900 }, { locale: 'zh-CN' });
    opened.push(o);
    const box = o.page.getByRole('combobox', { name: '搜索用户' });
    await box.fill('没有这个人的名字');
    await o.page.getByRole('listbox', { name: '找到的用户' }).getByText('没有找到').waitFor();
  });
});
