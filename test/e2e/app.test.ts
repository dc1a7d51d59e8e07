/**
 * The web client in a real browser against a real hub: two (or three) people, each in their own
 * browser context, see each other's activity live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MatchDto, PostDto } from '../../shared/dto.js';
import sharp from 'sharp';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
import { openAs, screenshot, startE2E, type E2E, type UserPage } from './browser.js';

let e2e: E2E;
let moderator: TestUser;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  // The hub's first account is its moderator.
  moderator = await registerUser(e2e.hub, 'moderator', 'Mod Squad');
}, 90_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

async function open(...args: Parameters<typeof openAs> extends [E2E, ...infer R] ? R : never): Promise<Page> {
  const o = await openAs(e2e, ...args);
  opened.push(o);
  return o.page;
}

const card = (page: Page, postId: string) => page.locator(`kj-post-card article[data-post-id="${postId}"]`);

describe('the web client', () => {
  it('signs up through the form, keeps the token in localStorage, and signs out', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1200, height: 900 } });
    opened.push({ context, page: await context.newPage() });
    const page = opened.at(-1)!.page;
    await page.goto(e2e.hub.url + '/');
    await page.getByRole('tab', { name: 'Create account' }).click();
    await screenshot(page, 'auth');
    const handle = `e2e_${Date.now().toString(36)}`;
    await page.getByLabel('Handle').fill(handle);
    await page.getByLabel('Display name').fill('Mei Lin');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create my space' }).click();
    await page.locator('kj-header').waitFor(); // the app opens once the account exists (a loaded box takes a while)
    await page.getByText('Information center').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('kongjian.token'))).toBeTruthy();
    await page.reload();
    await page.locator('kj-header').waitFor();
    await page.goto(e2e.hub.url + '/settings');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('tab', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('kongjian.token'))).toBeNull();
  });

  it("a friend's post enters the feed live; likes and comments update live on both sides", async () => {
    const alice = await registerUser(e2e.hub, 'alice', 'Alice Wang');
    const bob = await registerUser(e2e.hub, 'bob', 'Bob Chen');
    const carol = await registerUser(e2e.hub, 'carol', 'Carol Li');
    await makeFriends(alice, bob);
    await makeFriends(alice, carol);
    const [a, b] = await Promise.all([open(alice), open(bob)]);
    await Promise.all([a.getByText('Your feed is quiet').waitFor(), b.getByText('Your feed is quiet').waitFor()]);

    await a.getByLabel("What's on your mind?").fill('Spring in Hangzhou 🌸 the lake is lovely');
    await a.getByLabel('Who can see it').selectOption('friends');
    await a.getByRole('button', { name: 'Post', exact: true }).click();
    await a.getByText('Posted!').waitFor();

    // Bob never reloads: the post arrives over the socket.
    await b.getByText('Spring in Hangzhou').waitFor();
    const postId = (await b.locator('kj-post-card article').first().getAttribute('data-post-id'))!;

    // Bob likes and comments in the UI; Alice (the author) sees both without reloading.
    await card(b, postId).getByRole('button', { name: /Like/ }).click();
    await expect.poll(() => card(a, postId).getByTestId('likes').textContent()).toBe('1');
    await card(b, postId)
      .getByRole('button', { name: /Comments/ })
      .click();
    await card(b, postId).getByLabel('Write a comment').fill('Take me with you next time!');
    await card(b, postId).getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => card(a, postId).getByTestId('comment-count').textContent()).toBe('1');
    // Alice's bell counts the like and the comment.
    await expect
      .poll(async () =>
        Number(
          (await a
            .locator('kj-bell [data-testid="unread"]')
            .textContent()
            .catch(() => '0')) ?? 0,
        ),
      )
      .toBeGreaterThanOrEqual(1);

    // Carol acts through the API; Bob watches the post, so his open card follows.
    await carol.api.put(`/posts/${postId}/like`);
    await carol.api.post(`/posts/${postId}/comments`, { text: 'So jealous' });
    await expect.poll(() => card(b, postId).getByTestId('likes').textContent()).toBe('2');
    await card(b, postId).getByText('So jealous').waitFor();
    await expect.poll(() => card(b, postId).getByTestId('comment-count').textContent()).toBe('2');
    await screenshot(b, 'feed');

    await a.goto(e2e.hub.url + '/notifications');
    await a.getByText('commented on your post').first().waitFor();
    await screenshot(a, 'notifications');
    await expect.poll(() => a.locator('kj-bell [data-testid="unread"]').count()).toBe(0);

    // Deleting removes it from Bob's feed live.
    await alice.api.delete(`/posts/${postId}`);
    await expect.poll(() => card(b, postId).count()).toBe(0);
  });

  it('the owner sees a visitor toast; the space wears the owner’s theme', async () => {
    const owner = await registerUser(e2e.hub, 'owner', 'Xiao Hong');
    const guest = await registerUser(e2e.hub, 'guest', 'Da Wei');
    await makeFriends(owner, guest);
    const patch = await owner.api.patch('/spaces/me', {
      title: 'Hong’s little garden',
      theme: { background: { color: '#fde2e4' }, colors: { accent: '#c2255c', panel: '#fff5f7' }, layout: 'wide' },
      music: { title: 'Moonlight over the lotus pond', url: 'https://example.com/moon.mp3' },
    });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    await owner.api.post('/posts', { kind: 'shuoshuo', text: 'Planted tulips today', privacy: 'public' });
    await owner.api.post('/posts', {
      kind: 'diary',
      title: 'A quiet Sunday',
      text: '<p>Tea, <b>books</b> and rain.</p>',
      privacy: 'friends',
    });

    const o = await open(owner, `/space/${owner.handle}`);
    await o.getByText('Hong’s little garden').waitFor();
    const visits = (where: 'kj-profile-card' | '.banner') => o.locator(`kj-space-view ${where} [data-testid="visits"]`).textContent();
    expect(await visits('kj-profile-card')).toBe('0');
    const g = await open(guest, `/space/${owner.handle}`);
    await g.getByText('A quiet Sunday').waitFor();
    expect(await g.locator('kj-space-view .space').getAttribute('data-layout')).toBe('wide');
    expect(await g.locator('kj-music-player audio').evaluate((el: HTMLAudioElement) => el.paused && !el.autoplay)).toBe(true);
    await g.locator('kj-post-card b', { hasText: 'books' }).waitFor();

    await o
      .locator('kj-toasts')
      .getByText(/Da Wei .* is visiting your space/)
      .waitFor();
    await o.locator('kj-visitors').getByText('Da Wei').waitFor();
    // The owner's open page counts the visit without a reload, in the profile card and the banner.
    await expect.poll(() => visits('kj-profile-card')).toBe('1');
    expect(await visits('.banner')).toBe('1');
    await screenshot(g, 'space');
    await screenshot(o, 'space-owner-toast');
  });

  it('threads replies under their comment, live for another viewer, and replies by keyboard', async () => {
    const poet = await registerUser(e2e.hub, 'poet', 'Du Fu');
    const friend = await registerUser(e2e.hub, 'friend', 'Li Bai');
    const other = await registerUser(e2e.hub, 'other', 'Wang Wei');
    await makeFriends(poet, friend);
    await makeFriends(poet, other);
    const created = await poet.api.post('/posts', { kind: 'shuoshuo', text: 'Moon over the river tonight', privacy: 'friends' });
    const postId = (created.body as { post: PostDto }).post.id;
    const first = await friend.api.post(`/posts/${postId}/comments`, { text: 'Raise a cup to it' });
    const parentId = (first.body as { comment: { id: string } }).comment.id;
    await other.api.post(`/posts/${postId}/comments`, { text: 'Wish I were there' });
    for (let i = 1; i <= 6; i++) await other.api.post(`/posts/${postId}/comments`, { text: `Line ${i} of my answering poem` });

    const [f, p] = await Promise.all([open(friend), open(poet)]);
    for (const page of [f, p]) {
      await card(page, postId)
        .getByRole('button', { name: /Comments/ })
        .click();
      await card(page, postId).getByText('Wish I were there').waitFor();
    }
    const thread = (page: Page) => card(page, postId).locator(`kj-comments li[data-comment-id="${parentId}"]`);

    // Li Bai starts a reply, then scrolls down to read; the poet's reply threads in above what he reads
    // without moving it, and his half-written text stays.
    await thread(f).getByRole('button', { name: 'Reply to Li Bai' }).click();
    await thread(f).getByLabel('Your reply to Li Bai').fill('Half-written');
    const reading = card(f, postId).getByText('Line 6 of my answering poem');
    await f.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const before = (await reading.boundingBox())!.y;
    expect((await thread(f).boundingBox())!.y).toBeLessThan(0);
    await poet.api.post(`/posts/${postId}/comments`, { text: 'Come over, I have wine', parentId });
    await thread(f).locator('.replies li[data-parent-id]', { hasText: 'Come over, I have wine' }).waitFor({ state: 'attached' });
    // Within a pixel: scroll offsets snap to device pixels.
    expect(Math.abs((await reading.boundingBox())!.y - before)).toBeLessThan(1);
    expect(await thread(f).getByLabel('Your reply to Li Bai').inputValue()).toBe('Half-written');
    await expect.poll(() => card(f, postId).getByTestId('comment-count').textContent()).toBe('9');
    await thread(f).getByLabel('Your reply to Li Bai').press('Escape');
    await expect.poll(() => thread(f).getByLabel('Your reply to Li Bai').count()).toBe(0);

    // The poet replies by keyboard alone; Li Bai sees it under his comment, not at the end.
    const replyButton = thread(p).getByRole('button', { name: 'Reply to Li Bai' });
    await replyButton.focus();
    await p.keyboard.press('Enter');
    await expect.poll(() => replyButton.getAttribute('aria-expanded')).toBe('true');
    await p.keyboard.type('And bring your poems');
    await p.keyboard.press('Enter');
    await thread(f).locator('.replies li', { hasText: 'And bring your poems' }).waitFor();
    // Sending closes the box on the poet's side.
    await expect.poll(() => replyButton.getAttribute('aria-expanded')).toBe('false');
    await screenshot(f, 'comment-replies');
  });

  it('keeps a friends-only post from a stranger, in the space and by its address', async () => {
    const author = await registerUser(e2e.hub, 'author', 'Zhang San');
    const stranger = await registerUser(e2e.hub, 'stranger', 'Li Si');
    await author.api.post('/posts', { kind: 'shuoshuo', text: 'Public hello to the world', privacy: 'public' });
    const secret = await author.api.post('/posts', { kind: 'shuoshuo', text: 'Friends-only secret plans', privacy: 'friends' });
    expect(secret.status).toBe(201);
    const s = await open(stranger, `/space/${author.handle}`);
    await s.getByText('Public hello to the world').waitFor();
    expect(await s.getByText('Friends-only secret plans').count()).toBe(0);
    const direct = await stranger.api.get(`/posts/${(secret.body as { post: PostDto }).post.id}`);
    expect(direct.status).toBe(404);
  });

  it('an invite is accepted from a toast and a Gomoku match is played to a win, by mouse and keyboard', async () => {
    const host = await registerUser(e2e.hub, 'host', 'Wang Fang');
    const guest = await registerUser(e2e.hub, 'player', 'Zhou Jie');
    await makeFriends(host, guest);
    const h = await open(host, '/games');
    const g = await open(guest, '/');
    const row = h.locator(`kj-games-page li[data-friend="${guest.handle}"]`);
    await row.getByText('online').waitFor();
    await row.getByRole('button', { name: 'Invite to Gomoku' }).click();

    await g
      .locator('kj-toasts')
      .getByText(/invites you to play Gomoku/)
      .waitFor();
    await g.locator('kj-toasts').getByRole('button', { name: 'Accept' }).click();
    await g.waitForURL(/\/games\/[0-9a-f]{24}$/);
    await h.waitForURL(/\/games\/[0-9a-f]{24}$/);
    const matchId = g.url().split('/').pop()!;
    const { match } = (await host.api.get(`/matches/${matchId}`)).body as { match: MatchDto };
    const black = match.players[0]!.id === host.id ? h : g;
    const white = black === h ? g : h;

    // Black plays by mouse along row 7; white answers by keyboard along row 8.
    for (let i = 0; i < 5; i++) {
      await black.locator('kj-match-page [data-testid="match-status"]', { hasText: 'Your move.' }).waitFor();
      await black.locator(`kj-gomoku-board [data-x="${3 + i}"][data-y="7"]`).click();
      if (i === 4) break;
      await white.locator('kj-match-page [data-testid="match-status"]', { hasText: 'Your move.' }).waitFor();
      // The cursor starts at (7,7); go down one and to column 3+i.
      await white.locator('kj-gomoku-board [data-x="7"][data-y="7"]').focus();
      await white.keyboard.press('ArrowDown');
      for (let k = 7; k > 3 + i; k--) await white.keyboard.press('ArrowLeft');
      for (let k = 7; k < 3 + i; k++) await white.keyboard.press('ArrowRight');
      await white.keyboard.press(i % 2 ? 'Space' : 'Enter');
    }
    await black.getByText('You won!').waitFor();
    for (let x = 3; x <= 6; x++) {
      expect(await black.locator(`kj-gomoku-board [data-x="${x}"][data-y="8"]`).getAttribute('aria-label')).toContain('white');
    }
    await white.getByText(/won\.$/).waitFor();
    expect(await white.locator('kj-gomoku-board [data-x="7"][data-y="7"]').getAttribute('aria-label')).toContain('black');
    await screenshot(black, 'gomoku');
  });

  it('shows an offline banner and catches up on the feed and notifications after reconnecting', async () => {
    const poster = await registerUser(e2e.hub, 'poster', 'Lin Yu');
    const reader = await registerUser(e2e.hub, 'reader', 'Guo Ming');
    await makeFriends(poster, reader);
    const own = await reader.api.post('/posts', { kind: 'shuoshuo', text: 'Anyone up for hotpot?', privacy: 'friends' });
    const ownId = (own.body as { post: PostDto }).post.id;
    const o = await openAs(e2e, reader, '/');
    opened.push(o);
    await o.page.getByText('Anyone up for hotpot?').waitFor();

    // The friend request counts already; the comment made while offline must come on top.
    await expect.poll(() => o.page.locator('kj-bell [data-testid="unread"]').textContent()).toBe('1');
    await o.context.setOffline(true);
    await o.page.getByText('You are offline').waitFor();
    await poster.api.post('/posts', { kind: 'shuoshuo', text: 'Posted while you were away', privacy: 'friends' });
    await poster.api.post(`/posts/${ownId}/comments`, { text: 'Count me in!' });
    await o.context.setOffline(false);

    await o.page.getByText('Posted while you were away').waitFor({ timeout: 20_000 });
    await expect.poll(() => o.page.getByText('You are offline').count()).toBe(0);
    await expect.poll(() => o.page.locator('kj-bell [data-testid="unread"]').textContent(), { timeout: 10_000 }).toBe('2');
    await o.page.goto(e2e.hub.url + '/notifications');
    await o.page.getByText('Lin Yu commented on your post').waitFor();
  });

  it('lets the owner decorate the space with a live preview, and fits a phone screen', async () => {
    const owner = await registerUser(e2e.hub, 'decorator', 'Su Lan');
    await owner.api.post('/posts', { kind: 'shuoshuo', text: 'My first shuoshuo here', privacy: 'public' });
    const page = await open(owner, '/settings');
    await page.getByLabel('Space title').fill('Lan’s tea house');
    await page.locator('kj-space-view').getByText('Lan’s tea house').waitFor();
    await page.getByLabel('Layout').selectOption('wide');
    expect(await page.locator('kj-space-view .space').getAttribute('data-layout')).toBe('wide');
    await page.getByRole('button', { name: 'Move Guestbook up' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('kj-toasts').getByText('Saved.').waitFor();
    const saved = (await owner.api.get(`/spaces/${owner.handle}`)).body as { space: { title: string; theme: { layout: string } } };
    expect(saved.space.title).toBe('Lan’s tea house');
    expect(saved.space.theme.layout).toBe('wide');
    await screenshot(page, 'settings');

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Restore default' }).click();
    await page.locator('kj-toasts').getByText('Restored').waitFor();
    expect(await page.locator('kj-space-view .space').getAttribute('data-layout')).toBe('classic');

    const phone = await open(owner, '/', { width: 360, height: 740 });
    await phone.getByText('My first shuoshuo here').waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'phone-feed');
  });

  it('holds new posts in a "new posts" bar while the reader is scrolled down, without moving what they read', async () => {
    const writer = await registerUser(e2e.hub, 'writer', 'Han Mei');
    const reader = await registerUser(e2e.hub, 'scroller', 'Tang Yi');
    await makeFriends(writer, reader);
    for (let i = 1; i <= 8; i++)
      await writer.api.post('/posts', { kind: 'shuoshuo', text: `Travel note ${i}\n${'Long road, '.repeat(20)}`, privacy: 'friends' });
    const page = await open(reader, '/', { width: 1000, height: 600 });
    await page.getByText('Travel note 8').waitFor();
    const target = page.locator('kj-post-card article', { hasText: 'Travel note 4' });
    await target.scrollIntoViewIfNeeded();
    const before = (await target.boundingBox())!.y;

    await writer.api.post('/posts', { kind: 'shuoshuo', text: 'Fresh news from the mountains', privacy: 'friends' });
    await page.getByRole('button', { name: /1 new post/ }).waitFor();
    expect(await page.getByText('Fresh news from the mountains').count()).toBe(0);
    expect((await target.boundingBox())!.y).toBe(before);

    await page.getByRole('button', { name: /1 new post/ }).click();
    await page.getByText('Fresh news from the mountains').waitFor();
    await expect.poll(() => page.locator('kj-post-card article').first().textContent()).toContain('Fresh news');
  });

  it('posts a shuoshuo with a photo and a formatted diary, and shows moderation outcomes plainly', async () => {
    expect((await moderator.api.post('/moderation/rules', { pattern: 'forbiddenword', action: 'block' })).status).toBe(201);
    expect((await moderator.api.post('/moderation/rules', { pattern: 'previewme', action: 'review' })).status).toBe(201);
    const author = await registerUser(e2e.hub, 'writer2', 'Qian Yue');
    const page = await open(author, '/');
    const composer = page.locator('kj-composer');

    const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#f08c00' } })
      .png()
      .toBuffer();
    await composer
      .locator('input[type="file"][accept="image/*"]')
      .setInputFiles({ name: 'sunset.png', mimeType: 'image/png', buffer: png });
    await composer.locator('.thumb img').waitFor();
    await composer.getByLabel("What's on your mind?").fill('Sunset from the balcony');
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    await composer.getByText('Posted!').waitFor();
    await page.locator('kj-post-card', { hasText: 'Sunset from the balcony' }).locator('.photos img').waitFor();

    await composer.getByRole('button', { name: 'Diary' }).click();
    await composer.getByLabel('Title').fill('Notes on tea');
    await composer.getByRole('textbox', { name: 'Diary text' }).click();
    await composer.getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.type('Longjing is best in April');
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    await composer.getByText('Posted!').waitFor();
    const diary = page.locator('kj-post-card', { hasText: 'Notes on tea' });
    await diary.locator('.body :is(b, strong)', { hasText: 'Longjing' }).waitFor();

    await composer.getByRole('button', { name: 'Shuoshuo' }).click();
    await composer.getByLabel("What's on your mind?").fill('this has forbiddenword in it');
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    await composer.getByText(/Not posted — blocked by moderation/).waitFor();
    expect(await page.locator('kj-post-card', { hasText: 'forbiddenword' }).count()).toBe(0);

    await composer.getByLabel("What's on your mind?").fill('please previewme soon');
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    await composer.getByText(/being previewed/).waitFor();
    await page
      .locator('kj-post-card', { hasText: 'please previewme soon' })
      .getByText(/Being previewed/)
      .waitFor();
    await screenshot(page, 'composer-outcomes');
  });
});
