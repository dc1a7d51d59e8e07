/**
 * The moderation page in a real browser: a moderator adds a rule, a post it catches waits in the
 * queue, and approving it publishes it live to the author's friends. Its own hub, so that the
 * moderator is that hub's first account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
import { openAs, screenshot, startE2E, type E2E, type UserPage } from './browser.js';

let e2e: E2E;
let moderator: TestUser;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  moderator = await registerUser(e2e.hub, 'warden', 'Mod Mei');
}, 90_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

async function open(user: TestUser, urlPath: string): Promise<Page> {
  const o = await openAs(e2e, user, urlPath);
  opened.push(o);
  return o.page;
}

describe('the moderation page', () => {
  it('holds a post by a rule until a moderator approves it, then it reaches a friend live', async () => {
    const author = await registerUser(e2e.hub, 'author', 'Zhao Lei');
    const friend = await registerUser(e2e.hub, 'friend', 'Sun Qi');
    await makeFriends(author, friend);
    const [m, a, f] = await Promise.all([open(moderator, '/moderation'), open(author, '/'), open(friend, '/')]);
    const page = m.locator('kj-moderation-page');

    await page.getByText('Nothing waiting.').waitFor();
    await page.getByLabel('Keyword or phrase').fill('mooncake');
    await page.getByLabel('Action').selectOption('hold');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.locator('li.rule', { hasText: 'mooncake' }).getByText('hold').waitFor();
    await page.locator('kj-audit-log li[data-action="rule.create"]').waitFor();

    const composer = a.locator('kj-composer');
    await composer.getByLabel("What's on your mind?").fill('Homemade mooncake recipe, ask me');
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    await composer.getByText(/Held for review/).waitFor();
    const held = a.locator('kj-post-card', { hasText: 'Homemade mooncake recipe' });
    await held
      .locator('[data-status="held"]')
      .getByText(/Held for review/)
      .waitFor();
    await f.getByText('Your feed is quiet').waitFor();

    await page.getByRole('button', { name: 'Refresh' }).click();
    const queued = page.locator('.queue-item', { hasText: 'Homemade mooncake recipe' });
    await queued.waitFor();
    expect(await f.getByText('Homemade mooncake recipe').count()).toBe(0);
    await screenshot(m, 'moderation-queue');

    await queued.getByRole('button', { name: 'Approve the post by Zhao Lei' }).click();
    await page.getByText(/^Approved/).waitFor();
    await expect.poll(() => queued.count()).toBe(0);
    await page.locator('kj-audit-log li[data-action="post.approve"]').waitFor();
    // The friend never reloads: the approved post arrives over the socket.
    await f.locator('kj-post-card', { hasText: 'Homemade mooncake recipe' }).waitFor();
    await screenshot(m, 'moderation-approved');

    m.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete rule mooncake' }).click();
    await expect.poll(() => page.locator('li.rule', { hasText: 'mooncake' }).count()).toBe(0);
    expect((await moderator.api.get('/moderation/rules')).body).toEqual({ rules: [] });
  });

  it('tells a non-moderator plainly that the page is for moderators', async () => {
    const user = await registerUser(e2e.hub, 'curious', 'Qian Duo');
    const page = await open(user, '/moderation');
    await page.locator('kj-moderation-page').getByText('Moderators only').waitFor();
    expect(await page.locator('kj-header').getByRole('link', { name: 'Moderation' }).count()).toBe(0);
    expect((await user.api.get('/moderation/queue')).status).toBe(403);
    await screenshot(page, 'moderation-not-allowed');
  });
});
