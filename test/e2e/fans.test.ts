/**
 * Certified spaces and fans from the UI: a moderator certifies a space and sets its owner's tier on
 * the space itself; a visitor then likes (follows) it and the fan count follows, live on the owner's
 * open space; nobody else gets the moderator tools.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { QuotaDto } from '../../shared/dto.js';
import { registerUser, type TestUser } from '../helpers/users.js';
import { openAs, screenshot, startE2E, type E2E, type UserPage } from './browser.js';

let e2e: E2E;
let moderator: TestUser;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  moderator = await registerUser(e2e.hub, 'moderator', 'Mod Squad'); // the hub's first account moderates
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

describe('certified spaces and fans', () => {
  it('a moderator certifies a space and sets the owner’s tier; a visitor likes it and the fan count follows', async () => {
    const star = await registerUser(e2e.hub, 'star', 'Zhou Xun');
    const fan = await registerUser(e2e.hub, 'fan', 'Xiao Li');
    // The owner has their space open all along: every change below reaches it without a reload.
    const s = await open(star, `/space/${star.handle}`);
    await s.locator('kj-guestbook').waitFor();
    const ownerCount = s.locator('kj-fan-button [data-testid="fan-count"]');
    const m = await open(moderator, `/space/${star.handle}`);
    const tools = m.locator('kj-moderator-tools');
    await tools.getByRole('button', { name: 'Certify this space' }).click();
    await tools.getByText('Certified.').waitFor();
    await m.locator('kj-space-view .banner').getByText('Certified').waitFor();
    await m.locator('kj-fan-button [data-testid="fan-count"]').getByText('0 fans').waitFor();
    await s.locator('kj-space-view .banner').getByText('Certified').waitFor();
    await ownerCount.getByText('0 fans').waitFor();

    await tools.getByLabel('Tier of the owner').selectOption('yellow');
    await tools.getByText('Tier saved.').waitFor();
    expect(((await star.api.get('/albums/quota')).body as QuotaDto).tier).toBe('yellow');
    await screenshot(m, 'moderator-tools');

    const f = await open(fan, `/space/${star.handle}`);
    expect(await f.locator('kj-moderator-tools').count()).toBe(0);
    await f.locator('kj-fan-button').getByRole('button', { name: 'I like' }).click();
    await f.locator('kj-fan-button [data-testid="fan-count"]').getByText('1 fan').waitFor();
    expect(await f.locator('kj-fan-button').getByRole('button', { name: 'Liked' }).getAttribute('aria-pressed')).toBe('true');
    expect((await fan.api.get(`/spaces/${star.handle}/fan`)).body).toEqual({ fans: 1, fan: true });

    // The owner sees the new fan counted live, without a button to like their own space; so does the moderator.
    await ownerCount.getByText('1 fan').waitFor();
    expect(await s.locator('kj-fan-button button').count()).toBe(0);
    await m.locator('kj-fan-button [data-testid="fan-count"]').getByText('1 fan').waitFor();

    // Taking it back, then the moderator removing the certification: the owner's page follows both.
    await f.locator('kj-fan-button').getByRole('button', { name: 'Liked' }).click();
    await f.locator('kj-fan-button [data-testid="fan-count"]').getByText('0 fans').waitFor();
    await ownerCount.getByText('0 fans').waitFor();
    await tools.getByRole('button', { name: 'Remove certification' }).click();
    await tools.getByText('Certification removed.').waitFor();
    expect(await m.locator('kj-fan-button').count()).toBe(0);
    await expect.poll(() => s.locator('kj-fan-button').count()).toBe(0);
    await expect.poll(() => f.locator('kj-fan-button').count()).toBe(0);
    expect((await fan.api.put(`/spaces/${star.handle}/fan`)).status).toBe(409);
  });
});
