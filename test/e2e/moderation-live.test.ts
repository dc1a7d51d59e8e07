/**
 * The moderation queue is live: a held post appears on the moderator's open queue without a
 * Refresh; approving it clears the author's "held" note live, reaches a friend's feed and tells the
 * author; a rejected one leaves the queue and its author is told live; a moderator unpublishes a
 * published post and it leaves a friend's feed at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { NotificationDto, PostDto } from '../../shared/dto.js';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
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
  o.page.on('dialog', (d) => void d.accept());
  return o.page;
}

const card = (page: Page, postId: string) => page.locator(`kj-post-card article[data-post-id="${postId}"]`);

describe('moderation, live', () => {
  it('a held post reaches the open queue live; approval clears the author’s note and reaches a friend', async () => {
    const author = await registerUser(e2e.hub, 'author', 'Zhang San');
    const friend = await registerUser(e2e.hub, 'friend', 'Li Si');
    await makeFriends(author, friend);
    expect((await moderator.api.post('/moderation/rules', { pattern: 'lottery', action: 'hold' })).status).toBe(201);
    const [m, a, f] = await Promise.all([open(moderator, '/moderation'), open(author), open(friend)]);
    await m
      .getByRole('heading', { name: /Moderation/ })
      .first()
      .waitFor();

    await a.getByLabel("What's on your mind?").fill('I won the lottery, drinks on me');
    await a.getByRole('button', { name: 'Post', exact: true }).click();
    await a
      .locator('kj-post-card', { hasText: 'I won the lottery' })
      .getByText(/Held for review/)
      .waitFor();
    const postId = (await a.locator('kj-post-card article', { hasText: 'I won the lottery' }).getAttribute('data-post-id'))!;

    // No Refresh: the post arrives in the moderator's queue over the socket.
    const queued = card(m, postId);
    await queued.getByText('I won the lottery').waitFor();
    expect(await card(f, postId).count()).toBe(0);
    await screenshot(m, 'moderation-queue-live');

    await m.getByRole('button', { name: 'Approve the post by Zhang San' }).click();
    await expect.poll(() => card(a, postId).locator('[data-status="held"]').count()).toBe(0);
    await card(f, postId).getByText('I won the lottery').waitFor();
    const list = (await author.api.get('/notifications')).body as { notifications: NotificationDto[] };
    expect(list.notifications.some((n) => n.kind === 'approved' && n.subject.id === postId)).toBe(true);
    // The author is told in the page too: the bell leads to the notice, and the notice to the post.
    await a.locator('kj-bell a').click();
    await a.locator('kj-notifications-page li', { hasText: 'A moderator approved your post' }).getByRole('link').click();
    await a.waitForURL(`**/post/${postId}`);
    await card(a, postId).getByText('I won the lottery').waitFor();
  });

  it('a rejected post leaves the queue and its author is told live; nobody else ever sees it', async () => {
    const author = await registerUser(e2e.hub, 'spammer', 'Qian Duo');
    const friend = await registerUser(e2e.hub, 'spamfriend', 'Sun Li');
    await makeFriends(author, friend);
    expect((await moderator.api.post('/moderation/rules', { pattern: 'jackpot', action: 'hold' })).status).toBe(201);
    const [m, a, f] = await Promise.all([open(moderator, '/moderation'), open(author, '/notifications'), open(friend)]);
    await m
      .getByRole('heading', { name: /Moderation/ })
      .first()
      .waitFor();

    const created = await author.api.post('/posts', { kind: 'shuoshuo', text: 'Jackpot tickets for sale', privacy: 'friends' });
    expect(created.status).toBe(202);
    const postId = (created.body as { post: PostDto }).post.id;
    await card(m, postId).getByText('Jackpot tickets for sale').waitFor();
    await m.getByRole('button', { name: 'Reject the post by Qian Duo' }).click();
    await expect.poll(() => card(m, postId).count()).toBe(0);

    // The author's open notifications page tells them, without a reload.
    await a.locator('kj-notifications-page li', { hasText: 'Moderation' }).waitFor();
    expect(await card(f, postId).count()).toBe(0);
    expect((await friend.api.get(`/posts/${postId}`)).status).toBe(404);
    const list = (await author.api.get('/notifications')).body as { notifications: NotificationDto[] };
    expect(list.notifications.some((n) => n.kind === 'moderation' && n.subject.id === postId && n.subject.detail === 'rejected')).toBe(
      true,
    );
  });

  it('a held comment reaches the queue live; approving it shows it to the post’s author and clears the commenter’s note', async () => {
    const poet = await registerUser(e2e.hub, 'poet', 'Du Fu');
    const fan = await registerUser(e2e.hub, 'fan', 'Li Bai');
    await makeFriends(poet, fan);
    expect((await moderator.api.post('/moderation/rules', { pattern: 'casino', action: 'hold' })).status).toBe(201);
    const postId = (
      (await poet.api.post('/posts', { kind: 'shuoshuo', text: 'Autumn thoughts', privacy: 'friends' })).body as { post: PostDto }
    ).post.id;
    const [m, p, f] = await Promise.all([open(moderator, '/moderation'), open(poet, `/post/${postId}`), open(fan, `/post/${postId}`)]);
    await m
      .getByRole('heading', { name: /Moderation/ })
      .first()
      .waitFor();
    await f.locator('kj-comments').getByText('No comments yet').waitFor();

    await f.locator('kj-comments').getByLabel('Write a comment').fill('Meet me at the casino');
    await f.locator('kj-comments').getByRole('button', { name: 'Send' }).click();
    await f.locator('kj-comments li', { hasText: 'Meet me at the casino' }).getByText('held for review').waitFor();
    const held = m.locator('kj-held-comments li', { hasText: 'Meet me at the casino' });
    await held.waitFor();
    expect(await p.locator('kj-comments').getByText('Meet me at the casino').count()).toBe(0);

    await held.getByRole('button', { name: 'Approve the comment by Li Bai' }).click();
    await p.locator('kj-comments').getByText('Meet me at the casino').waitFor();
    await expect.poll(() => f.locator('kj-comments li', { hasText: 'Meet me at the casino' }).getByText('held for review').count()).toBe(0);
    await expect.poll(() => m.locator('kj-held-comments li').count()).toBe(0);
    await expect.poll(() => p.locator('kj-post-card [data-testid="comment-count"]').textContent()).toBe('1');
  });

  it('rejecting a held comment takes it off the commenter’s open post live and tells them', async () => {
    const poet = await registerUser(e2e.hub, 'poet2', 'Bai Juyi');
    const fan = await registerUser(e2e.hub, 'fan2', 'Yuan Zhen');
    expect((await moderator.api.post('/moderation/rules', { pattern: 'roulette', action: 'hold' })).status).toBe(201);
    const postId = (
      (await poet.api.post('/posts', { kind: 'shuoshuo', text: 'Winter plum blossoms', privacy: 'public' })).body as { post: PostDto }
    ).post.id;
    const [m, f] = await Promise.all([open(moderator, '/moderation'), open(fan, `/post/${postId}`)]);
    await f.locator('kj-comments').getByText('No comments yet').waitFor();
    await f.locator('kj-comments').getByLabel('Write a comment').fill('Play roulette with me');
    await f.locator('kj-comments').getByRole('button', { name: 'Send' }).click();
    await f.locator('kj-comments li', { hasText: 'Play roulette with me' }).getByText('held for review').waitFor();

    await m
      .locator('kj-held-comments li', { hasText: 'Play roulette with me' })
      .getByRole('button', { name: 'Reject the comment by Yuan Zhen' })
      .click();
    await f.locator('kj-comments li', { hasText: 'Play roulette with me' }).waitFor({ state: 'detached' });
    await expect.poll(() => m.locator('kj-held-comments li', { hasText: 'Play roulette with me' }).count()).toBe(0);
    expect(await f.locator('kj-post-card [data-testid="comment-count"]').textContent()).toBe('0');
    const list = (await fan.api.get('/notifications')).body as { notifications: NotificationDto[] };
    expect(list.notifications.some((n) => n.kind === 'moderation' && n.subject.detail === 'rejected')).toBe(true);
  });

  it('a moderator unpublishes a published post from its page; it leaves a friend’s feed live', async () => {
    const author = await registerUser(e2e.hub, 'poster', 'Wang Wu');
    const friend = await registerUser(e2e.hub, 'reader', 'Zhao Liu');
    await makeFriends(author, friend);
    const postId = (
      (await author.api.post('/posts', { kind: 'shuoshuo', text: 'Buy my pills, cheap', privacy: 'public' })).body as { post: PostDto }
    ).post.id;
    const f = await open(friend);
    await card(f, postId).waitFor();
    const m = await open(moderator, `/post/${postId}`);
    // Behind the card's "…" menu (moderator actions), not a red button on every friend's post.
    await card(m, postId).getByRole('button', { name: 'Moderator actions' }).click();
    await card(m, postId).getByRole('menuitem', { name: 'Unpublish' }).click();
    await m.getByText('This post was deleted.').waitFor();
    await expect.poll(() => card(f, postId).count()).toBe(0);
    expect((await friend.api.get(`/posts/${postId}`)).status).toBe(404);
  });
});
