/**
 * The web client's safe retry: a signed-in POST carries an Idempotency-Key, and when its connection
 * is reset before any answer (what a raced keep-alive close does), it is sent once more with the
 * same key; the hub creates the comment once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../helpers/users.js';
import { openAs, startE2E, type E2E, type UserPage } from './browser.js';

let e2e: E2E;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
}, 120_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

describe('a comment whose first request loses its connection', () => {
  it('is sent again under the same Idempotency-Key and created once', async () => {
    const alice = await registerUser(e2e.hub, 'alice');
    const post = (await alice.api.post('/posts', { kind: 'shuoshuo', text: 'Retry me', privacy: 'public' })).body.post;
    const o = await openAs(e2e, alice, `/post/${post.id}`);
    opened.push(o);
    const { page } = o;

    const keys: (string | undefined)[] = [];
    await page.route(`**/api/posts/${post.id}/comments`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      // The first attempt reaches the hub (it creates the comment) but its answer is lost on a reset.
      if (keys.length === 1) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });

    const card = page.locator(`kj-post-card article[data-post-id="${post.id}"]`);
    // The post's own page opens its comments by itself (clicking "Comments" here would race that and close them).
    await card.getByLabel('Write a comment').fill('Said once, sent twice');
    await card.getByRole('button', { name: 'Send' }).click();
    await card.getByText('Said once, sent twice').first().waitFor();

    // The live comment event can show the text before the retry leaves the page: wait for the second attempt.
    await expect.poll(() => keys.length, { timeout: 10_000 }).toBe(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    const comments = (await alice.api.get(`/posts/${post.id}/comments`)).body.comments as Array<{ text: string }>;
    expect(comments.filter((c) => c.text === 'Said once, sent twice')).toHaveLength(1);
  }, 60_000);
});
