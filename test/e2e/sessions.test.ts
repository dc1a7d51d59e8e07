/**
 * Sessions that end when asked, in the browser. A password change in one browser signs the same
 * person's other browser out at once (it is told, and lands on the sign-in page without a reload)
 * while the changing tab goes on live on its new token; a wrong current password is told in the form.
 * Sign-out ends that token on the hub. Deleting the account asks for the handle and the password,
 * and the friend's open feed loses the person's posts and friendship live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiClient } from '../helpers/api.js';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
import { openAs, screenshot, startE2E, type E2E, type UserPage } from './browser.js';

let e2e: E2E;
const opened: UserPage[] = [];
const password = 'correct horse battery'; // test/helpers/users.ts registers everyone with it

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

/** A second sign-in of the same person: another browser with its own token. */
async function openSecondBrowser(user: TestUser, path = '/'): Promise<Page> {
  const login = await apiClient(e2e.hub.url).post('/auth/login', { handle: user.handle, password });
  expect(login.status).toBe(200);
  return open({ ...user, token: login.body.token as string }, path);
}

const signInPage = (page: Page) => page.getByRole('tab', { name: 'Sign in' });

describe('sessions in the browser', () => {
  it('a password change signs the other browser out live; this one goes on live on its new token', async () => {
    const wen = await registerUser(e2e.hub, 'wen', 'Wen Li');
    const pal = await registerUser(e2e.hub, 'pal', 'Pal Zhou');
    await makeFriends(wen, pal);
    const laptop = await open(wen, '/settings');
    const phone = await openSecondBrowser(wen, '/');
    await phone.locator('kj-feed-page').waitFor();

    const security = laptop.locator('kj-account-security');
    await security.getByLabel('Current password').fill('not my password');
    await security.getByLabel('New password (at least 8 characters)').fill('a brand new secret');
    await security.getByRole('button', { name: 'Change password' }).click();
    await security.getByRole('alert').getByText('That password is not right.').waitFor();
    expect(await laptop.locator('kj-header').count()).toBe(1); // still signed in

    await security.getByLabel('Current password').fill(password);
    await security.getByRole('button', { name: 'Change password' }).click();
    await laptop.getByText('Password changed. Other devices are signed out.').waitFor();

    // The phone, never reloaded, is told and shows the sign-in page.
    await signInPage(phone).waitFor();
    await phone.getByText('Your session has ended. Please sign in again.').waitFor();
    await screenshot(phone, 'sessions-signed-out');
    // The old token is dead on the hub; the laptop's new one works, live: a friend's post arrives.
    expect((await wen.api.get('/me')).status).toBe(401);
    await laptop.locator('kj-header').getByRole('link', { name: 'Feed' }).click();
    await laptop.locator('kj-feed-page').waitFor();
    const posted = await pal.api.post('/posts', { kind: 'shuoshuo', text: 'Still here after the change', privacy: 'friends' });
    expect(posted.status).toBe(201);
    await laptop.locator('kj-post-card').getByText('Still here after the change').waitFor();
    expect(await signInPage(laptop).count()).toBe(0);
    expect((await apiClient(e2e.hub.url).post('/auth/login', { handle: wen.handle, password: 'a brand new secret' })).status).toBe(200);
  });

  it('sign-out ends the token on the hub, not only in the tab', async () => {
    const tao = await registerUser(e2e.hub, 'tao', 'Tao Ma');
    const page = await open(tao, '/settings');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInPage(page).waitFor();
    expect((await tao.api.get('/me')).status).toBe(401);
  });

  it('deleting the account asks for the handle and password; the friend’s feed drops them live', async () => {
    const yun = await registerUser(e2e.hub, 'yun', 'Yun Gao');
    const kai = await registerUser(e2e.hub, 'kai', 'Kai Sun');
    await makeFriends(yun, kai);
    expect((await yun.api.post('/posts', { kind: 'shuoshuo', text: 'My last words here', privacy: 'friends' })).status).toBe(201);
    const [y, k] = await Promise.all([open(yun, '/settings'), open(kai, '/')]);
    const friendRow = k.locator(`kj-friends-panel li[data-friend="${yun.handle}"]`);
    const post = k.locator('kj-post-card article', { hasText: 'My last words here' });
    await Promise.all([friendRow.waitFor(), post.waitFor()]);

    const security = y.locator('kj-account-security');
    const remove = security.getByRole('button', { name: 'Delete my account' });
    await security.getByLabel('Type your handle to confirm').fill('someone-else');
    expect(await remove.isDisabled()).toBe(true);
    await security.getByLabel('Type your handle to confirm').fill(yun.handle);
    await security.getByLabel('Password', { exact: true }).fill('wrong password');
    await remove.click();
    await security.getByRole('alert').getByText('That password is not right.').waitFor();
    await security.getByLabel('Password', { exact: true }).fill(password);
    await remove.click();
    await signInPage(y).waitFor();
    await y.getByText('Your account has been deleted.').waitFor();
    expect(await y.getByText('Your session has ended').count()).toBe(0); // this tab ended it: no news

    // Kai's feed, never reloaded: the post and the friendship are gone.
    await expect.poll(() => post.count()).toBe(0);
    await expect.poll(() => friendRow.count()).toBe(0);
    expect((await kai.api.get(`/spaces/${yun.handle}`)).status).toBe(404);
    expect((await apiClient(e2e.hub.url).post('/auth/login', { handle: yun.handle, password })).status).toBe(401);
  });
});
