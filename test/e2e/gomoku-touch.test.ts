/**
 * Gomoku on a phone (390 px, touch): every point is at least 40 px across — the board scrolls
 * sideways rather than shrinking — a tap plays, and no keyboard hint is shown; a desktop keeps it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFriends, registerUser } from '../helpers/users.js';
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

describe('Gomoku on a touch screen', () => {
  it('has finger-sized cells, plays by tap and shows no keyboard hint; a desktop shows the hint', async () => {
    const black = await registerUser(e2e.hub, 'thumb', '小明');
    const white = await registerUser(e2e.hub, 'mouse', '小红');
    await makeFriends(black, white);
    const { invite } = await black.api.call('POST /invites', { body: { to: white.handle, game: 'gomoku' } });
    const { match } = await white.api.call('POST /invites/:id/accept', { params: { id: invite.id } });

    const context = await e2e.browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      locale: 'zh-CN',
    });
    await context.addInitScript((token: string) => localStorage.setItem('kongjian.token', token), black.token);
    const phone = await context.newPage();
    opened.push({ context, page: phone });
    await phone.goto(`${e2e.hub.url}/games/${match.id}`);
    const cell = phone.locator('kj-gomoku-board [data-x="7"][data-y="7"]');
    await cell.waitFor();
    expect(await phone.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    const box = (await cell.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(40);
    expect(box.height).toBeGreaterThanOrEqual(40);
    expect(await phone.locator('kj-match-page .keys').isVisible()).toBe(false);
    await cell.scrollIntoViewIfNeeded();
    await cell.tap();
    await phone.locator('kj-gomoku-board [data-x="7"][data-y="7"] .stone').waitFor();
    await screenshot(phone, 'gomoku-touch').catch(() => undefined);

    const desk = await openAs(e2e, white, `/games/${match.id}`, { width: 1200, height: 900 }, { locale: 'zh-CN' });
    opened.push(desk);
    await desk.page.locator('kj-match-page .keys').waitFor({ state: 'visible' });
  });
});
