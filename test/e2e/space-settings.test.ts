/**
 * A space's older posts page in; the space editor previews what a stranger really sees, keeps Save
 * in reach, and signing out leaves the page cleanly (front page, no uncaught errors). A page left
 * while it still loads cancels its requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PostDto } from '../../shared/dto.js';
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

async function open(user: TestUser, path = '/', viewport?: { width: number; height: number }): Promise<Page> {
  const o = await openAs(e2e, user, path, viewport);
  opened.push(o);
  return o.page;
}

describe('a space and its editor', () => {
  it('pages in a space’s older posts on request', async () => {
    const writer = await registerUser(e2e.hub, 'writer', 'Zhang San');
    const reader = await registerUser(e2e.hub, 'reader', 'Li Si');
    for (let i = 1; i <= 23; i++) await writer.api.post('/posts', { kind: 'shuoshuo', text: `Note number ${i}.`, privacy: 'public' });
    const r = await open(reader, `/space/${writer.handle}`);
    await r.getByText('Note number 23.').waitFor();
    expect(await r.getByText('Note number 3.', { exact: true }).count()).toBe(0);
    await r.getByRole('button', { name: 'Older posts' }).click();
    await r.getByText('Note number 1.', { exact: true }).waitFor();
    expect(await r.locator('kj-post-card').count()).toBe(23);
    await r.getByText('That is everything.').waitFor();
    expect(await r.getByRole('button', { name: 'Older posts' }).count()).toBe(0);
  });

  it('a page left mid-load cancels its requests and the next page shows no stale error', async () => {
    const owner = await registerUser(e2e.hub, 'leaver', 'Zhou Min');
    const postId = (
      (await owner.api.post('/posts', { kind: 'shuoshuo', text: 'A quiet afternoon', privacy: 'public' })).body as { post: PostDto }
    ).post.id;
    await owner.api.post(`/posts/${postId}/comments`, { text: 'Tea and a book' });
    const errors: string[] = [];
    const o = await open(owner, '/');
    o.on('pageerror', (err) => errors.push(err.message));
    // The visitors list's and the post's comments' answers are held back, so they still load when the owner moves on.
    const held = (pattern: string) =>
      new Promise<void>((resolve) => {
        void o.route(pattern, () => resolve());
      });
    const asked = [held('**/api/spaces/*/visitors'), held('**/api/posts/*/comments')];
    const cancelled = (path: string) => o.waitForEvent('requestfailed', (r) => r.url().endsWith(path));
    const visitors = cancelled(`/api/spaces/${owner.handle}/visitors`);
    const comments = cancelled(`/api/posts/${postId}/comments`);
    await o.locator('kj-header').getByRole('link', { name: 'My space' }).click();
    await Promise.all(asked);
    await o.locator('kj-header').getByRole('link', { name: 'Settings' }).click();
    expect((await visitors).failure()?.errorText).toBe('net::ERR_ABORTED');
    expect((await comments).failure()?.errorText).toBe('net::ERR_ABORTED');
    await o.locator('kj-settings-page').getByRole('button', { name: 'Save changes' }).waitFor();
    expect(await o.locator('kj-settings-page .notice').count()).toBe(0);
    expect(await o.locator('kj-toasts').getByText('Could not load comments').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('on a phone, Save is on screen as soon as there is something to save', async () => {
    const owner = await registerUser(e2e.hub, 'phone', 'Ma Li');
    const p = await open(owner, '/settings', { width: 390, height: 700 });
    await p.locator('kj-theme-form').getByLabel(/title/i).first().fill('Ma Li on the go');
    const save = p.getByRole('button', { name: 'Save changes' });
    await expect.poll(() => save.isEnabled()).toBe(true);
    const box = (await save.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(700);
    await save.click();
    await expect
      .poll(async () => ((await owner.api.get(`/spaces/${owner.handle}`)).body as { space: { title: string } }).space.title)
      .toBe('Ma Li on the go');
  });

  it('previews the space as a stranger sees it, keeps Save in reach, and signs out cleanly', async () => {
    const owner = await registerUser(e2e.hub, 'owner', 'Xiao Hong');
    const guest = await registerUser(e2e.hub, 'guest', 'Da Wei');
    await owner.api.post('/posts', { kind: 'shuoshuo', text: 'Hello to everyone', privacy: 'public' });
    await owner.api.post('/posts', { kind: 'shuoshuo', text: 'Only for my friends', privacy: 'friends' });
    await guest.api.post(`/spaces/${owner.handle}/guestbook`, { text: 'A public hello' });
    await guest.api.post(`/spaces/${owner.handle}/guestbook`, { text: 'A private whisper', private: true });
    await owner.api.post('/albums', { title: 'Holiday', privacy: 'public' });
    await owner.api.post('/albums', { title: 'Diary scans', privacy: 'private' });
    await guest.api.post(`/spaces/${owner.handle}/visit`);

    const errors: string[] = [];
    const p = await open(owner, '/settings', { width: 1200, height: 560 });
    p.on('pageerror', (err) => errors.push(err.message));
    const preview = p.locator('kj-settings-page kj-space-view');
    await preview.getByText('Hello to everyone').waitFor();
    await preview.getByText('A public hello').waitFor();
    await preview.getByText('Holiday').waitFor();
    expect(await preview.getByText('Only for my friends').count()).toBe(0);
    expect(await preview.getByText('A private whisper').count()).toBe(0);
    expect(await preview.getByText('Diary scans').count()).toBe(0);
    expect(await preview.locator('[data-module="visitors"]').count()).toBe(0);
    expect(await preview.getByLabel('Leave a message').count()).toBe(0);

    // A change makes Save usable; it is on screen without scrolling the long editor.
    await p.locator('kj-theme-form').getByLabel(/title/i).first().fill('Hong’s garden');
    const save = p.getByRole('button', { name: 'Save changes' });
    await expect.poll(() => save.isEnabled()).toBe(true);
    const box = (await save.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(560);
    await save.click();
    await p.getByText(/Saved/).waitFor();
    await screenshot(p, 'settings-preview');

    await p.getByRole('button', { name: 'Sign out' }).click();
    await p.getByRole('tab', { name: 'Sign in' }).waitFor();
    expect(new URL(p.url()).pathname).toBe('/');
    expect(errors).toEqual([]);
  });
});
