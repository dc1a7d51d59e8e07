/**
 * Friends, live on both sides: accepting a request shows the new friend (and their presence dot) to
 * both at once; unfriending asks first, then drops the friendship from both lists without a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { registerUser, type TestUser } from '../helpers/users.js';
import { openAs, screenshot, startE2E, type E2E, type UserPage } from './browser.js';

let e2e: E2E;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  await registerUser(e2e.hub, 'moderator', 'Mod Squad'); // the hub's first account moderates
}, 90_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

async function open(user: TestUser, path = '/'): Promise<Page> {
  const o = await openAs(e2e, user, path);
  opened.push(o);
  return o.page;
}

const friendRow = (page: Page, handle: string) => page.locator(`kj-friends-panel li[data-friend="${handle}"]`);

describe('friends in the browser', () => {
  it('a new friend shows up online on both sides at once; unfriending asks, then drops them on both sides live', async () => {
    const mei = await registerUser(e2e.hub, 'mei', 'Mei Lin');
    const jun = await registerUser(e2e.hub, 'jun', 'Jun Zhao');
    const [m, j] = await Promise.all([open(mei), open(jun)]);
    await Promise.all([m.locator('kj-friends-panel').getByText('No friends yet').waitFor(), j.locator('kj-friends-panel').getByText('No friends yet').waitFor()]);

    await j.locator('kj-friends-panel').getByLabel("Friend's handle").fill(mei.handle);
    await j.locator('kj-friends-panel').getByRole('button', { name: 'Add' }).click();
    await m.locator('kj-friends-panel').getByRole('button', { name: 'Accept Jun Zhao' }).click();

    // Both were online before they became friends: each sees the other's dot without a reload.
    await friendRow(m, jun.handle).getByText('online').waitFor();
    await friendRow(j, mei.handle).getByText('online').waitFor();
    await screenshot(j, 'friends-new');

    // Saying no to the question changes nothing.
    m.once('dialog', (d) => void d.dismiss());
    await friendRow(m, jun.handle).getByRole('button', { name: 'Unfriend Jun Zhao' }).click();
    expect(await friendRow(m, jun.handle).count()).toBe(1);

    let asked = '';
    m.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await friendRow(m, jun.handle).getByRole('button', { name: 'Unfriend Jun Zhao' }).click();
    await m.locator('kj-friends-panel').getByText('You and Jun Zhao are no longer friends.').waitFor();
    expect(asked).toContain('Unfriend Jun Zhao?');
    await expect.poll(() => friendRow(j, mei.handle).count()).toBe(0);
    await j.locator('kj-friends-panel').getByText('No friends yet').waitFor();
    expect(((await jun.api.get('/friends')).body as { friends: unknown[] }).friends).toEqual([]);
  });
});
