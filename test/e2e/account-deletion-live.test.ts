/**
 * After an account is deleted, its traces leave other people's open pages without a reload: Kai has
 * his feed open (the bell counts) and Lin (a stranger to Yun) Kai's space; Yun liked and commented on Kai's
 * public post and wrote in his guestbook. When Yun deletes the account, Lin's card loses the comment
 * and both counts, the guestbook entry goes, and Kai's notifications about Yun go with his bell count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PostDto } from '../../shared/dto.js';
import { registerUser, type TestUser } from '../helpers/users.js';
import { openAs, startE2E, type E2E, type UserPage } from './browser.js';

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

async function open(user: TestUser, path: string): Promise<Page> {
  const o = await openAs(e2e, user, path);
  opened.push(o);
  return o.page;
}

describe('a deleted account leaves open pages live', () => {
  it('its comment, like, guestbook entry and notifications go from others’ screens, with the counts', async () => {
    const kai = await registerUser(e2e.hub, 'kai', 'Kai Sun');
    const yun = await registerUser(e2e.hub, 'yun', 'Yun Gao');
    const lin = await registerUser(e2e.hub, 'lin', 'Lin Mu');
    const post = (
      (await kai.api.post('/posts', { kind: 'shuoshuo', text: 'Plum blossoms on the hill', privacy: 'public' })).body as { post: PostDto }
    ).post;
    expect((await yun.api.put(`/posts/${post.id}/like`)).status).toBe(200);
    expect((await yun.api.post(`/posts/${post.id}/comments`, { text: 'Gorgeous, where is this?' })).status).toBe(201);
    expect((await lin.api.post(`/posts/${post.id}/comments`, { text: 'Lovely colours' })).status).toBe(201);
    expect((await yun.api.post(`/spaces/${kai.handle}/guestbook`, { text: 'Greetings from Yun' })).status).toBe(201);

    const [k, l] = await Promise.all([open(kai, '/'), open(lin, `/space/${kai.handle}`)]);
    const card = l.locator(`kj-post-card article[data-post-id="${post.id}"]`);
    await card.getByText('Gorgeous, where is this?').waitFor();
    expect(await card.getByTestId('comment-count').textContent()).toBe('2');
    expect(await card.getByTestId('likes').textContent()).toBe('1');
    await l.locator('kj-guestbook').getByText('Greetings from Yun').waitFor();
    // Kai's bell: Yun's like, comment and guestbook entry, and Lin's comment.
    const unread = async () =>
      Number(
        (await k
          .locator('kj-bell [data-testid="unread"]')
          .textContent({ timeout: 1_000 })
          .catch(() => '0')) ?? 0,
      );
    await expect.poll(unread).toBe(4);

    expect((await yun.api.delete('/me', { password: 'correct horse battery' })).status).toBe(204);

    await expect.poll(() => card.getByText('Gorgeous, where is this?').count()).toBe(0);
    await expect.poll(() => card.getByTestId('comment-count').textContent()).toBe('1');
    await expect.poll(() => card.getByTestId('likes').textContent()).toBe('0');
    await card.getByText('Lovely colours').waitFor();
    await expect.poll(() => l.locator('kj-guestbook').getByText('Greetings from Yun').count()).toBe(0);
    // Kai's notifications about Yun went with the account; Lin's stays.
    await expect.poll(unread).toBe(1);
    await k.locator('kj-bell a').click();
    await k.locator('kj-notifications-page li', { hasText: 'Lin Mu' }).first().waitFor();
    expect(await k.locator('kj-notifications-page li', { hasText: 'Yun Gao' }).count()).toBe(0);
  }, 90_000);
});
