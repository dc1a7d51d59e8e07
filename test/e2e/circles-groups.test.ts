/**
 * Friend groups and limited posts in the browser, with three people: Wen makes a group in settings
 * and puts Lin in it; a post for that group reaches Lin's open feed live and never Liu's (a friend
 * outside it), nor after a reload; a friends post hidden from Liu likewise. Liu joins the group from
 * the friends list's quick menu and gets the next group post live. The groups screen has no
 * serious axe violation in English or Chinese, at 390 px too.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
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

async function open(user: TestUser, path: string, viewport = { width: 1200, height: 900 }, locale = 'en-US'): Promise<Page> {
  const o = await openAs(e2e, user, path, viewport, { locale, bypassCSP: true });
  opened.push(o);
  return o.page;
}

/** Serious or critical axe-core findings on the page as it is (ids and targets, for the failure message). */
async function seriousAxeFindings(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    type Finding = { id: string; impact: string | null; nodes: { target: unknown }[] };
    const run = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: Finding[] }> } }).axe.run;
    const { violations } = await run(document);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${JSON.stringify(v.nodes[0]?.target)}`);
  });
}

/** Writes a shuoshuo on Wen's feed page for the audience picked by `pick`. */
async function postFor(page: Page, text: string, pick: (page: Page) => Promise<void>): Promise<void> {
  const composer = page.locator('kj-composer');
  await composer.getByLabel("What's on your mind?").fill(text);
  await pick(page);
  await composer.getByRole('button', { name: 'Post', exact: true }).click();
  await composer.getByText('Posted!').waitFor();
}

const card = (page: Page, text: string) => page.locator('kj-feed-page kj-post-card', { hasText: text });

describe('friend groups and limited posts', () => {
  it('a group post reaches the member live and never the friend outside it, nor the excepted friend, also after reload', async () => {
    const wen = await registerUser(e2e.hub, 'wen', 'Wen Jing');
    const lin = await registerUser(e2e.hub, 'lin', 'Lin Hua');
    const liu = await registerUser(e2e.hub, 'liu', 'Liu Yang');
    await makeFriends(wen, lin);
    await makeFriends(wen, liu);

    // The groups screen in settings: make "Family" and tick Lin.
    const settings = await open(wen, '/settings');
    const groupsScreen = settings.locator('kj-groups-settings');
    await groupsScreen.getByLabel('New group name').fill('Family');
    await groupsScreen.getByRole('button', { name: 'Create group' }).click();
    const family = groupsScreen.locator('fieldset[data-group="Family"]');
    await family.getByRole('checkbox', { name: 'Lin Hua' }).check();
    await family.getByText('(1)').waitFor();

    const [w, l, u] = await Promise.all([open(wen, '/'), open(lin, '/'), open(liu, '/')]);
    await postFor(w, 'Family dinner on Sunday', async (page) => {
      await page.locator('kj-composer').getByLabel('Who can see it').selectOption('groups');
      await page.locator('kj-audience-picker').getByRole('checkbox', { name: 'Family' }).check();
    });
    await card(l, 'Family dinner on Sunday').waitFor(); // live, no reload
    await postFor(w, 'Surprise party for Liu', async (page) => {
      await page.locator('kj-composer').getByLabel('Who can see it').selectOption('except');
      await page.locator('kj-audience-picker').getByRole('checkbox', { name: 'Liu Yang' }).check();
    });
    await card(l, 'Surprise party for Liu').waitFor();
    // A friends post reaches Liu live; by then the two limited ones would have come before it.
    await postFor(w, 'Hello all friends', () => Promise.resolve(undefined));
    await card(u, 'Hello all friends').waitFor();
    expect(await card(u, 'Family dinner').count()).toBe(0);
    expect(await card(u, 'Surprise party').count()).toBe(0);
    await screenshot(l, 'circles-member-feed');

    await Promise.all([l.reload(), u.reload()]);
    await card(l, 'Hello all friends').waitFor();
    await card(u, 'Hello all friends').waitFor();
    expect(await card(l, 'Family dinner on Sunday').count()).toBe(1);
    expect(await card(l, 'Surprise party for Liu').count()).toBe(1);
    expect(await card(u, 'Family dinner').count()).toBe(0);
    expect(await card(u, 'Surprise party').count()).toBe(0);

    // The quick menu on a friend puts Liu in Family too; the next Family post reaches Liu live.
    const row = w.locator(`kj-friends-panel li[data-friend="${liu.handle}"]`);
    await row.locator('kj-group-menu summary').click();
    await row.getByRole('checkbox', { name: 'Family' }).check();
    await expect.poll(async () => (await wen.api.get('/groups')).body.groups[0].members.length).toBe(2);
    await postFor(w, 'Liu joins the family', async (page) => {
      await page.locator('kj-composer').getByLabel('Who can see it').selectOption('groups');
      await page.locator('kj-audience-picker').getByRole('checkbox', { name: 'Family' }).check();
    });
    await card(u, 'Liu joins the family').waitFor();
    await card(l, 'Liu joins the family').waitFor();
  }, 150_000);

  it.each([
    ['en-US', 'Friend groups', 'Create group'],
    ['zh-CN', '好友分组', '新建分组'],
  ])(
    'the groups screen and the picker in %s have no serious axe violation, at 390 px too',
    async (locale, title, create) => {
      const owner = await registerUser(e2e.hub, 'axe', 'Axe Owner');
      const friend = await registerUser(e2e.hub, 'pal', 'Pal Friend');
      await makeFriends(owner, friend);
      // The feed's list needs an item to be a well-formed feed (aria-required-children).
      expect((await owner.api.post('/posts', { kind: 'shuoshuo', text: 'First words', privacy: 'friends' })).status).toBe(201);
      for (const viewport of [
        { width: 1200, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const page = await open(owner, '/settings', viewport, locale);
        await page.getByRole('heading', { name: title }).waitFor();
        const screen = page.locator('kj-groups-settings');
        if (viewport.width > 390) {
          await screen.locator('input#new-group').fill(locale === 'zh-CN' ? '同学' : 'Classmates');
          await screen.getByRole('button', { name: create }).click();
        }
        await screen.locator('fieldset').first().locator('input[type="checkbox"]').first().waitFor();
        await page.locator('#groups').scrollIntoViewIfNeeded();
        expect(await seriousAxeFindings(page), `${locale} ${viewport.width}px settings`).toEqual([]);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, 'no sideways scrolling').toBeLessThanOrEqual(viewport.width);
        await screenshot(page, `circles-groups-${locale}-${viewport.width}`);

        const feed = await open(owner, '/', viewport, locale);
        await feed.locator('kj-feed-page kj-post-card article').first().waitFor();
        await feed.locator('kj-composer select#privacy').selectOption('groups');
        await feed.locator('kj-audience-picker input[type="checkbox"]').first().waitFor();
        expect(await seriousAxeFindings(feed), `${locale} ${viewport.width}px picker`).toEqual([]);
        expect(await feed.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      }
    },
    120_000,
  );
});
