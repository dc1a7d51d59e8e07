/**
 * Friends, live on both sides: accepting a request shows the new friend (and their presence dot) to
 * both at once; unfriending asks first, then drops the friendship from both lists without a reload.
 * Presence stays right afterwards: a friend leaving and coming back is seen live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
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
    await Promise.all([
      m.locator('kj-friends-panel').getByText('No friends yet').waitFor(),
      j.locator('kj-friends-panel').getByText('No friends yet').waitFor(),
    ]);

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

  it('after becoming friends, each one’s comings and goings reach the other live; a second tab does not count twice', async () => {
    const lan = await registerUser(e2e.hub, 'lan', 'Lan Fang');
    const tao = await registerUser(e2e.hub, 'tao', 'Tao Ran');
    const l = await open(lan);
    const t = await openAs(e2e, tao, '/');
    opened.push(t);
    await l.locator('kj-friends-panel').getByText('No friends yet').waitFor();

    // Friends from elsewhere (another device answered): the open panel shows Tao online without a reload.
    await makeFriends(lan, tao);
    await friendRow(l, tao.handle).getByText('online').waitFor();

    // Tao opens and closes a second tab: still online. Then Tao leaves altogether: offline, live.
    const secondTab = await t.context.newPage();
    await secondTab.goto(`${e2e.hub.url}/games`);
    await secondTab.locator('kj-header').waitFor();
    await secondTab.close();
    // Something Tao does after closing the tab reaches Lan live; by then an "offline" would have too.
    await tao.api.post('/posts', { kind: 'shuoshuo', text: 'Closed a tab, still here', privacy: 'friends' });
    await l.locator('kj-post-card').getByText('Closed a tab, still here').first().waitFor();
    expect(await friendRow(l, tao.handle).getByText('online').count()).toBe(1);
    await t.page.goto('about:blank');
    await expect.poll(() => friendRow(l, tao.handle).getByText('online').count()).toBe(0);

    // Tao comes back: online again, and Tao sees Lan online from the first render.
    await t.page.goto(`${e2e.hub.url}/`);
    await friendRow(l, tao.handle).getByText('online').waitFor();
    await friendRow(t.page, lan.handle).getByText('online').waitFor();
  });
});
