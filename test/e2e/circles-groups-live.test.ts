/**
 * The groups screen is live across tabs: Wen has settings open in two browsers (Chinese at 390 px,
 * English on a desktop); a group made, filled, renamed and deleted in one shows in the other without a
 * reload, and when Lin ends the friendship, Lin leaves Wen's group on both screens.
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

async function open(user: TestUser, path: string, viewport: { width: number; height: number }, locale: string): Promise<Page> {
  const o = await openAs(e2e, user, path, viewport, { locale });
  opened.push(o);
  o.context.setDefaultTimeout(20_000);
  return o.page;
}

describe('the groups screen across tabs', () => {
  it('a group made, filled, renamed and deleted in one tab shows in the other live', async () => {
    const wen = await registerUser(e2e.hub, 'wen', 'Wen Jing');
    const lin = await registerUser(e2e.hub, 'lin', 'Lin Hua');
    await makeFriends(wen, lin);
    const phone = (await open(wen, '/settings', { width: 390, height: 844 }, 'zh-CN')).locator('kj-groups-settings');
    const desk = (await open(wen, '/settings', { width: 1200, height: 900 }, 'en-US')).locator('kj-groups-settings');
    await phone.getByText('还没有分组。').waitFor();
    await desk.getByText('No groups yet.').waitFor();

    // Made on the phone: shows on the desktop.
    await phone.getByLabel('新分组名称').fill('家人');
    await phone.getByRole('button', { name: '新建分组' }).click();
    await desk.locator('fieldset[data-group="家人"]').waitFor();

    // Filled on the desktop: ticked on the phone.
    await desk.locator('fieldset[data-group="家人"]').getByRole('checkbox', { name: 'Lin Hua' }).check();
    await phone.locator('fieldset[data-group="家人"]').getByText('(1)').waitFor();
    expect(await phone.locator('fieldset[data-group="家人"]').getByRole('checkbox', { name: 'Lin Hua' }).isChecked()).toBe(true);

    // Renamed on the phone.
    await phone.getByLabel('给家人改名').fill('亲人');
    await phone.locator('fieldset[data-group="家人"]').getByRole('button', { name: '改名' }).click();
    await desk.locator('fieldset[data-group="亲人"]').waitFor();
    await desk.locator('fieldset[data-group="家人"]').waitFor({ state: 'detached' });

    // Lin ends the friendship: out of the group on both screens.
    expect((await lin.api.delete(`/friends/${wen.handle}`)).status).toBe(204);
    await desk.locator('fieldset[data-group="亲人"]').getByText('(0)').waitFor();
    await phone.locator('fieldset[data-group="亲人"]').getByText('(0)').waitFor();

    // Deleted on the desktop (after its confirm): gone from the phone.
    desk.page().once('dialog', (dialog) => void dialog.accept());
    await desk.getByRole('button', { name: 'Delete 亲人' }).click();
    await phone.locator('fieldset[data-group="亲人"]').waitFor({ state: 'detached' });
    await phone.getByText('还没有分组。').waitFor();
  }, 120_000);
});
