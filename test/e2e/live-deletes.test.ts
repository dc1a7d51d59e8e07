/**
 * Comments and guestbook messages come and go live (a feed item shows its newest comments inline):
 * the author deletes their own, the owner any on
 * their post or space, and everyone watching sees it without a reload. The owner's open guestbook
 * shows a new message at once; a private one reaches the owner only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import type { PostDto } from '../../shared/dto.js';
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
  o.page.on('dialog', (d) => void d.accept());
  return o.page;
}

const card = (page: Page, postId: string) => page.locator(`kj-post-card article[data-post-id="${postId}"]`);
const guestbook = (page: Page) => page.locator('kj-guestbook');

describe('live deletions', () => {
  it('a deleted comment leaves the other person’s open post at once, with its count', async () => {
    const poet = await registerUser(e2e.hub, 'poet', 'Du Fu');
    const friend = await registerUser(e2e.hub, 'friend', 'Li Bai');
    await makeFriends(poet, friend);
    const postId = (
      (await poet.api.post('/posts', { kind: 'shuoshuo', text: 'Spring rain at night', privacy: 'friends' })).body as { post: PostDto }
    ).post.id;
    await friend.api.post(`/posts/${postId}/comments`, { text: 'Oops, typo here' });
    await friend.api.post(`/posts/${postId}/comments`, { text: 'Off-topic spam' });
    const [p, f] = await Promise.all([open(poet), open(friend)]);
    for (const page of [p, f]) {
      await card(page, postId)
        .getByRole('button', { name: /Comments/ })
        .click();
      await card(page, postId).getByText('Off-topic spam').waitFor();
    }

    // Li Bai deletes his own comment; Du Fu's open card loses it live.
    await card(f, postId)
      .locator('kj-comments li', { hasText: 'Oops, typo here' })
      .getByRole('button', { name: 'Delete the comment by Li Bai' })
      .click();
    await expect.poll(() => card(p, postId).getByText('Oops, typo here').count()).toBe(0);
    await expect.poll(() => card(p, postId).getByTestId('comment-count').textContent()).toBe('1');
    expect(await card(f, postId).getByTestId('comment-count').textContent()).toBe('1');

    // The post's author deletes someone else's comment on it; the commenter sees it go.
    await card(p, postId)
      .locator('kj-comments li', { hasText: 'Off-topic spam' })
      .getByRole('button', { name: 'Delete the comment by Li Bai' })
      .click();
    await expect.poll(() => card(f, postId).getByText('Off-topic spam').count()).toBe(0);
    await expect.poll(() => card(f, postId).getByTestId('comment-count').textContent()).toBe('0');
    expect(await card(p, postId).getByTestId('comment-count').textContent()).toBe('0');
    // A stranger to the comment and the post gets no delete button.
    expect(
      await card(f, postId)
        .locator('kj-comments')
        .getByRole('button', { name: /Delete the comment/ })
        .count(),
    ).toBe(0);
  });

  it('a feed item shows its newest comments inline, new ones arrive there live, and "show all" opens the thread', async () => {
    const alice = await registerUser(e2e.hub, 'alice', 'Alice Wang');
    const bob = await registerUser(e2e.hub, 'bob', 'Bob Chen');
    await makeFriends(alice, bob);
    const postId = (
      (await alice.api.post('/posts', { kind: 'shuoshuo', text: 'Hotpot tonight?', privacy: 'friends' })).body as { post: PostDto }
    ).post.id;
    for (const text of ['Count me in', 'Spicy please', 'I bring drinks']) await bob.api.post(`/posts/${postId}/comments`, { text });
    const a = await open(alice);
    const inline = card(a, postId).locator('kj-comment-preview');
    await inline.getByText('I bring drinks').waitFor();
    expect(await inline.getByText('Count me in').count()).toBe(1);
    expect(await inline.getByRole('button', { name: /Show all/ }).count()).toBe(0);

    // A fourth comment arrives live inline; the oldest steps out of the preview, and "show all" appears.
    await bob.api.post(`/posts/${postId}/comments`, { text: 'And dessert!' });
    await inline.getByText('And dessert!').waitFor();
    await expect.poll(() => inline.getByText('Count me in').count()).toBe(0);
    await inline.getByRole('button', { name: 'Show all 4 comments' }).click();
    await card(a, postId).locator('kj-comments').getByText('Count me in').waitFor();
    expect(await card(a, postId).locator('kj-comment-preview').count()).toBe(0);
    await screenshot(a, 'feed-inline-comments');

    // A post nobody had commented on shows its first comment inline as it arrives.
    const quiet = ((await alice.api.post('/posts', { kind: 'shuoshuo', text: 'Anyone up?', privacy: 'friends' })).body as { post: PostDto })
      .post.id;
    await card(a, quiet).waitFor();
    await bob.api.post(`/posts/${quiet}/comments`, { text: 'Me!' });
    await card(a, quiet).locator('kj-comment-preview').getByText('Me!').waitFor();
  });

  it('the owner’s open guestbook shows new messages live; deletions reach every watcher', async () => {
    const owner = await registerUser(e2e.hub, 'owner', 'Xiao Hong');
    const guest = await registerUser(e2e.hub, 'guest', 'Da Wei');
    const passer = await registerUser(e2e.hub, 'passer', 'Wang Wu');
    const [o, g, s] = await Promise.all([
      open(owner, `/space/${owner.handle}`),
      open(guest, `/space/${owner.handle}`),
      open(passer, `/space/${owner.handle}`),
    ]);
    for (const page of [o, g, s]) await guestbook(page).getByText('No messages yet.').waitFor();

    // The guest's first message is held on its way (the browser's request waits) while they type the
    // next one: the button waits for the answer, and the new draft outlives it.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holdPost = async (route: Route) => {
      if (route.request().method() === 'POST') await held;
      await route.fallback();
    };
    await g.route('**/api/spaces/*/guestbook', holdPost);
    await guestbook(g).getByLabel('Leave a message').fill('What a lovely space!');
    await guestbook(g).getByRole('button', { name: 'Leave message' }).click();
    await expect.poll(() => guestbook(g).getByRole('button', { name: 'Leave message' }).isDisabled()).toBe(true);
    await guestbook(g).getByLabel('Leave a message').fill('Psst, only for you');
    release();
    await guestbook(o).getByText('What a lovely space!').waitFor();
    await guestbook(s).getByText('What a lovely space!').waitFor();
    await guestbook(g).getByText('What a lovely space!').waitFor();
    await expect.poll(() => guestbook(g).getByRole('button', { name: 'Leave message' }).isEnabled()).toBe(true);
    expect(await guestbook(g).getByLabel('Leave a message').inputValue()).toBe('Psst, only for you');
    await g.unroute('**/api/spaces/*/guestbook', holdPost);

    await guestbook(g).getByLabel('Only the owner can see it').check();
    await guestbook(g).getByRole('button', { name: 'Leave message' }).click();
    await guestbook(o).getByText('Psst, only for you').waitFor();
    await screenshot(o, 'guestbook-live');

    // The owner deletes the public message: the guest and the passer-by see it go.
    await guestbook(o)
      .locator('li', { hasText: 'What a lovely space!' })
      .getByRole('button', { name: 'Delete the message from Da Wei' })
      .click();
    await expect.poll(() => guestbook(g).getByText('What a lovely space!').count()).toBe(0);
    await expect.poll(() => guestbook(s).getByText('What a lovely space!').count()).toBe(0);
    // The private one never reached the passer-by; the guest deletes it and the owner sees that live.
    expect(await guestbook(s).getByText('Psst, only for you').count()).toBe(0);
    await guestbook(g)
      .locator('li', { hasText: 'Psst, only for you' })
      .getByRole('button', { name: 'Delete the message from Da Wei' })
      .click();
    await expect.poll(() => guestbook(o).getByText('Psst, only for you').count()).toBe(0);
    expect(
      await guestbook(s)
        .getByRole('button', { name: /Delete the message/ })
        .count(),
    ).toBe(0);
    expect(((await owner.api.get(`/spaces/${owner.handle}/guestbook`)).body as { entries: unknown[] }).entries).toEqual([]);
  });
});
