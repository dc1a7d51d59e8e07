/**
 * Reposts (转载) in the browser: a friend reposts from their feed with a comment; the original's count
 * moves; the reposter's friends get the repost live with the original embedded — or "unavailable" when
 * they may not see the original (friends-only), and after the original is deleted. The original's
 * author is told, and sees its count go up and down live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { NotificationDto, PostDto } from '../../shared/dto.js';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
import { openAs, screenshot, startE2E, type E2E, type OpenOptions, type UserPage } from './browser.js';

let e2e: E2E;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
}, 90_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

async function open(user: TestUser, path = '/', options: OpenOptions = {}): Promise<Page> {
  const o = await openAs(e2e, user, path, undefined, options);
  opened.push(o);
  return o.page;
}

const card = (page: Page, postId: string) => page.locator(`kj-post-card article[data-post-id="${postId}"]`);

async function repost(
  page: Page,
  postId: string,
  comment: string,
  privacy: 'public' | 'friends',
  labels = { button: 'Repost', say: 'Say something (optional)', who: 'Who can see it' },
): Promise<void> {
  await card(page, postId)
    .locator('kj-repost-button')
    .getByRole('button', { name: new RegExp(`^${labels.button}`) })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(labels.say).fill(comment);
  await dialog.getByLabel(labels.who).selectOption(privacy);
  await dialog.getByRole('button', { name: labels.button, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('reposts', () => {
  it('a friend reposts with a comment; the count moves; the reposter’s friend sees it live with the original, or “unavailable”', async () => {
    const author = await registerUser(e2e.hub, 'poet', 'Du Fu');
    const reposter = await registerUser(e2e.hub, 'fan', 'Li Bai');
    const reader = await registerUser(e2e.hub, 'reader', '孟浩然');
    await makeFriends(author, reposter);
    await makeFriends(reposter, reader); // the reader is no friend of the author
    const open1 = (
      (await author.api.post('/posts', { kind: 'shuoshuo', text: 'Spring night rain, quiet and kind', privacy: 'public' })).body as {
        post: PostDto;
      }
    ).post.id;
    const closed = (
      (await author.api.post('/posts', { kind: 'shuoshuo', text: 'Only my friends may read this', privacy: 'friends' })).body as {
        post: PostDto;
      }
    ).post.id;
    const [r, d, a] = await Promise.all([open(reposter, '/'), open(reader, '/', { locale: 'zh-CN' }), open(author, '/')]);
    await card(r, open1).waitFor();
    await card(a, open1).waitFor();
    const count = (page: Page, postId: string) => card(page, postId).locator('[data-testid="reposts"]').textContent();

    await repost(r, open1, 'Worth reading twice', 'friends');
    await expect.poll(() => count(r, open1)).toBe('1');
    // The author, with their own post on screen, sees the count move without a reload.
    await expect.poll(() => count(a, open1)).toBe('1');

    // The reader's feed gets the repost live, the public original inside it, in Chinese.
    const live = d.locator('kj-post-card article', { hasText: 'Worth reading twice' });
    await live.waitFor();
    await live.getByText('转载', { exact: false }).first().waitFor();
    await live.locator('kj-repost-embed').getByText('Spring night rain, quiet and kind').waitFor();
    await screenshot(d, 'repost-live-zh');
    const note = ((await author.api.get('/notifications')).body as { notifications: NotificationDto[] }).notifications;
    expect(note.some((n) => n.kind === 'repost' && n.actor?.id === reposter.id)).toBe(true);

    // A friends-only original reposted in public: the reader gets the repost but not the original.
    await card(r, closed).waitFor();
    await repost(r, closed, 'You have to see this', 'public');
    const hidden = d.locator('kj-post-card article', { hasText: 'You have to see this' });
    await hidden.locator('[data-testid="repost-unavailable"]').waitFor();
    expect(await hidden.textContent()).not.toContain('Only my friends may read this');
    // The reposter, a friend of the author, sees the original in their own repost.
    await r
      .locator('kj-post-card article', { hasText: 'You have to see this' })
      .locator('kj-repost-embed')
      .getByText('Only my friends may read this')
      .waitFor();
    // That repost deleted: the author's count goes back down, live.
    await expect.poll(() => count(a, closed)).toBe('1');
    const second = await r.locator('kj-post-card article', { hasText: 'You have to see this' }).getAttribute('data-post-id');
    expect((await reposter.api.delete(`/posts/${second}`)).status).toBe(204);
    await expect.poll(() => count(a, closed)).toBe('0');

    // Deleted: the original is gone from the repost too.
    await author.api.delete(`/posts/${open1}`);
    await d.reload();
    const after = d.locator('kj-post-card article', { hasText: 'Worth reading twice' });
    await after.locator('[data-testid="repost-unavailable"]').waitFor();
    expect(await after.textContent()).not.toContain('Spring night rain');
  });
});
