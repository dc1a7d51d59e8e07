/**
 * Chat in two browsers: Alice opens the conversation from Bob's space, sends; Bob sees it live, reads
 * it (Alice sees 已读 / Read), types (Alice sees the typing line), Alice recalls (both see the
 * placeholder); and with the tab hidden, a new message becomes a desktop notification that opens the
 * conversation when clicked. Also at 390 px and in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
import { openAs, startE2E, type E2E, type OpenOptions, type UserPage } from './browser.js';

let e2e: E2E;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  await registerUser(e2e.hub, 'moderator', 'Mod Squad'); // the hub's first account is its moderator
}, 90_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

async function open(user: TestUser, urlPath = '/', viewport = { width: 1200, height: 900 }, options: OpenOptions = {}): Promise<UserPage> {
  const o = await openAs(e2e, user, urlPath, viewport, options);
  opened.push(o);
  return o;
}

const bubble = (page: Page, text: string) => page.locator('kj-conversation li').filter({ hasText: text });

describe('chat between two friends', () => {
  it('sends, receives live, shows read receipts, typing and recalls on both sides', async () => {
    const alice = await registerUser(e2e.hub, 'alice', 'Alice Wang');
    const bob = await registerUser(e2e.hub, 'bob', 'Bob Chen');
    await makeFriends(alice, bob);
    const { page: a } = await open(alice, `/space/${bob.handle}`);
    const { page: b } = await open(bob, '/chat');
    await b.getByRole('heading', { name: 'Messages' }).waitFor();

    await a.getByRole('link', { name: 'Message Bob Chen' }).click();
    await a.getByLabel('Message', { exact: true }).fill('Hi Bob 👋 tea at 3?');
    await a.getByRole('button', { name: 'Send' }).click();
    await bubble(a, 'tea at 3?').waitFor();

    // Bob's list shows the conversation live, with one unread and the header badge.
    await b.locator('kj-chat-page li').filter({ hasText: 'Alice Wang' }).getByText('1', { exact: true }).waitFor();
    await expect.poll(() => b.locator('kj-chat-icon [data-testid="chat-unread"]').textContent()).toBe('1');
    await b.locator('kj-chat-page li a').filter({ hasText: 'Alice Wang' }).click();
    await bubble(b, 'tea at 3?').waitFor();
    // Opening it reads it: Alice sees "Read" under her message, Bob's badge goes.
    await bubble(a, 'tea at 3?').getByText('Read', { exact: true }).waitFor();
    await expect.poll(() => b.locator('kj-chat-icon [data-testid="chat-unread"]').count()).toBe(0);

    await b.getByLabel('Message', { exact: true }).pressSequentially('Sure', { delay: 20 });
    await a.locator('kj-conversation .typing').getByText('Typing…').waitFor();
    await b.getByLabel('Message', { exact: true }).press('Enter');
    await bubble(a, 'Sure').waitFor();

    await bubble(a, 'tea at 3?').getByRole('button', { name: 'Recall' }).click();
    await a.locator('kj-conversation').getByText('You recalled a message').waitFor();
    await b.locator('kj-conversation').getByText('They recalled a message').waitFor();
    await expect.poll(() => bubble(b, 'tea at 3?').count()).toBe(0);
  });

  it('a message while the tab is hidden shows a desktop notification that opens the conversation', async () => {
    const alice = await registerUser(e2e.hub, 'alice', 'Alice Wang');
    const bob = await registerUser(e2e.hub, 'bob', 'Bob Chen');
    await makeFriends(alice, bob);
    await bob.api.post('/notifications/read', { upTo: 1000 }); // the friend request: the title then counts the message alone
    const { page: b, context } = await open(bob, '/settings');
    await context.grantPermissions(['notifications'], { origin: e2e.hub.url });
    // Record what the page shows through the browser's Notification API (the real one still runs).
    await b.evaluate(() => {
      const Real = window.Notification;
      const shown: Array<{ title: string; body: string; n: Notification }> = [];
      (window as unknown as { shown: typeof shown }).shown = shown;
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push({ title, body: options?.body ?? '', n: this });
        }
      }
      Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true });
    });
    await b.getByLabel('Desktop notifications while this tab is in the background').check();
    await expect.poll(() => b.evaluate(() => localStorage.getItem('kongjian.attention'))).toContain('"desktop":true');
    // The tab goes to the background.
    await b.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const { page: a } = await open(alice, `/chat/${bob.handle}`);
    await a.getByLabel('Message', { exact: true }).fill('are you there?');
    await a.getByRole('button', { name: 'Send' }).click();
    const seen = () =>
      b.evaluate(() => (window as unknown as { shown: Array<{ title: string; body: string }> }).shown.map((s) => `${s.title}|${s.body}`));
    await expect.poll(seen).toEqual(['Alice Wang sent you a message|are you there?']);
    expect(await b.title()).toMatch(/^\(1\) /);
    await b.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
      const { n } = (window as unknown as { shown: Array<{ n: Notification }> }).shown[0]!;
      n.onclick?.(new Event('click'));
    });
    await b.waitForURL(`**/chat/${alice.handle}`);
    await bubble(b, 'are you there?').waitFor();
  });

  it('works at 390 px in Chinese: the list, then the conversation alone', async () => {
    const alice = await registerUser(e2e.hub, 'alice', '王小明');
    const bob = await registerUser(e2e.hub, 'bob', '陈大文');
    await makeFriends(alice, bob);
    await alice.api.post(`/conversations/${bob.handle}/messages`, { text: '你好！', clientId: crypto.randomUUID() });
    const { page: b } = await open(bob, '/chat', { width: 390, height: 844 }, { locale: 'zh-CN' });
    await b.locator('kj-chat-page li a').filter({ hasText: '王小明' }).click();
    await bubble(b, '你好！').waitFor();
    await b.getByRole('button', { name: '发送' }).waitFor();
    await b.getByRole('link', { name: '← 消息' }).waitFor();
    const width = await b.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
