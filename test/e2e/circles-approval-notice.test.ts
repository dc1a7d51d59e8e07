/**
 * 评论审核 seen by the comment's author, two people in two browsers at 390 px: the owner approves the
 * waiting comment in settings; the author's open page gets the notice live (a toast, the bell's unread
 * count) and finds it on the notifications page, in Chinese; and in English.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
import { openAs, startE2E, type E2E, type UserPage } from './browser.js';

let e2e: E2E;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  await registerUser(e2e.hub, 'moderator', 'Mod Squad');
}, 90_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

async function open(user: TestUser, path: string, locale: string): Promise<Page> {
  const o = await openAs(e2e, user, path, { width: 390, height: 844 }, { locale });
  opened.push(o);
  o.context.setDefaultTimeout(20_000);
  return o.page;
}

/** An owner with 评论审核 on, a friend, a post of the owner's, and a comment of the friend's waiting on it. */
async function waitingComment(text: string): Promise<{ owner: TestUser; author: TestUser; postId: string; commentId: string }> {
  const owner = await registerUser(e2e.hub, 'gardener', '小美');
  const author = await registerUser(e2e.hub, 'neighbour', '小李');
  await makeFriends(owner, author);
  expect((await owner.api.patch('/spaces/me', { approval: { comments: true } })).status).toBe(200);
  const postId = (await owner.api.post('/posts', { kind: 'shuoshuo', text: '今天的花开了', privacy: 'friends' })).body.post.id as string;
  const made = await author.api.post(`/posts/${postId}/comments`, { text });
  expect(made.body.comment.pending).toBe(true);
  // Everything before the approval read: the bell counts the approval alone.
  const { notifications } = (await author.api.get('/notifications')).body as { notifications: { seq: number }[] };
  await author.api.post('/notifications/read', { upTo: notifications.at(-1)?.seq ?? 0 });
  return { owner, author, postId, commentId: made.body.comment.id as string };
}

describe('the approved-comment notice', () => {
  it('reaches the author live when the owner approves in settings (zh-CN)', async () => {
    const { owner, author, postId } = await waitingComment('花真好看');
    const a = await open(author, `/post/${postId}`, 'zh-CN');
    await a.getByText('花真好看').waitFor();
    await a.getByRole('link', { name: '通知', exact: true }).waitFor();

    const o = await open(owner, '/settings', 'zh-CN');
    const waiting = o.locator('kj-circles-settings li', { hasText: '花真好看' });
    await waiting.getByRole('button', { name: '通过' }).click();
    await waiting.waitFor({ state: 'detached' });

    await a.getByText('小美通过了你的评论', { exact: false }).first().waitFor();
    await a.getByRole('link', { name: '通知，1 条未读' }).click();
    await a.locator('kj-notifications-page').getByText('小美通过了你的评论：“花真好看”').waitFor();
  }, 120_000);

  it('reads in English too', async () => {
    const { owner, author, commentId } = await waitingComment('lovely flowers');
    const a = await open(author, '/', 'en-US');
    await a.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    expect((await owner.api.post(`/spaces/me/pending/comment/${commentId}/approve`)).status).toBe(200);
    await a.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await a.locator('kj-notifications-page').getByText('小美 approved your comment: “lovely flowers”').waitFor();
  }, 120_000);
});
