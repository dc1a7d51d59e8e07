/**
 * Reports in the browser: a reader reports a post, a comment, a guestbook message and a user (reason
 * and details); each reaches the moderator's open moderation page live (here in Chinese); a repeated
 * report is refused with a plain message; the moderator dismisses one and removes others, and what was
 * removed leaves the pages that showed it, live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { GuestbookEntryDto, PostDto, ReportDto } from '../../shared/dto.js';
import { registerUser, type TestUser } from '../helpers/users.js';
import { openAs, screenshot, startE2E, type E2E, type OpenOptions, type UserPage } from './browser.js';

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

async function open(user: TestUser, path = '/', options: OpenOptions = {}): Promise<Page> {
  const o = await openAs(e2e, user, path, undefined, options);
  opened.push(o);
  o.page.on('dialog', (d) => void d.accept()); // confirm() before a removal
  return o.page;
}

/** Fills and sends the report dialog opened by `button`. */
async function report(page: Page, button: string, reason: string, details: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(reason).check();
  await dialog.getByLabel('Details for the moderators (optional)').fill(details);
  await dialog.getByRole('button', { name: 'Send report' }).click();
}

describe('reports', () => {
  it('reports of a post, comment, guestbook message and user reach the moderator live; dismiss and remove', async () => {
    const spammer = await registerUser(e2e.hub, 'spammer', 'Ma Chao');
    const reader = await registerUser(e2e.hub, 'reader', 'Li Ming');
    const postId = (
      (await spammer.api.post('/posts', { kind: 'shuoshuo', text: 'Cheap watches, click here', privacy: 'public' })).body as {
        post: PostDto;
      }
    ).post.id;
    expect((await spammer.api.post(`/posts/${postId}/comments`, { text: 'More watches in the comments' })).status).toBe(201);
    const m = await open(moderator, '/moderation', { locale: 'zh-CN' });
    const queue = m.locator('kj-reports-queue');
    await queue.getByText('没有待处理的举报。').waitFor();
    const [s, r] = await Promise.all([open(spammer, `/space/${spammer.handle}`), open(reader, `/post/${postId}`)]);

    // The post: reason and details; it arrives on the moderator's page without a reload.
    await r.locator('kj-post-page kj-post-card').getByText('Cheap watches').waitFor();
    await report(r, 'Report the post by Ma Chao', 'Spam or advertising', 'sells fake watches');
    await r.getByText('Thank you — the moderators will look at it.').waitFor();
    const postReport = queue.locator('li', { hasText: 'sells fake watches' });
    await postReport.getByText('垃圾信息或广告').waitFor();
    await postReport.getByText('Cheap watches, click here').waitFor();

    // Once per reporter and subject: the second try is refused, plainly.
    await report(r, 'Report the post by Ma Chao', 'Something else', 'again');
    await r.getByRole('dialog').getByRole('alert').getByText('You have already reported this; a moderator will look at it.').waitFor();
    await r.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    // The comment: reported, then dismissed by the moderator.
    await r.locator('kj-comments').getByText('More watches in the comments').waitFor();
    await report(r, 'Report the comment by Ma Chao', 'Harassment or hate', 'comment spam');
    const commentReport = queue.locator('li', { hasText: 'comment spam' });
    await commentReport.getByText('评论', { exact: true }).waitFor();
    expect(await commentReport.getByRole('link', { name: '查看评论所在的动态' }).getAttribute('href')).toBe(`/post/${postId}`);
    await screenshot(m, 'reports-queue-zh');
    await commentReport.getByRole('button', { name: '驳回 Li Ming 的举报' }).click();
    await commentReport.waitFor({ state: 'detached' });
    await r.locator('kj-comments').getByText('More watches in the comments').waitFor(); // still there

    // Removing the post takes it off its author's space live.
    await s.locator(`kj-post-card article[data-post-id="${postId}"]`).waitFor();
    await postReport.getByRole('button', { name: '删除 Li Ming 举报的内容' }).click();
    await postReport.waitFor({ state: 'detached' });
    await s.locator(`kj-post-card article[data-post-id="${postId}"]`).waitFor({ state: 'detached' });

    // A guestbook message and the user, from the space page.
    const entry = (
      (await spammer.api.post(`/spaces/${reader.handle}/guestbook`, { text: 'Visit my watch shop' })).body as { entry: GuestbookEntryDto }
    ).entry;
    await r.goto(`${e2e.hub.url}/space/${reader.handle}`);
    await r.locator('kj-guestbook').getByText('Visit my watch shop').waitFor();
    await report(r, 'Report the message from Ma Chao', 'Spam or advertising', 'guestbook ad');
    await r.goto(`${e2e.hub.url}/space/${spammer.handle}`);
    await report(r, 'Report Ma Chao', 'Something else', 'a spam account');
    await r.getByText('Thank you — the moderators will look at it.').waitFor();
    await queue.locator('li', { hasText: 'a spam account' }).getByText('用户').waitFor();
    const guestbookReport = queue.locator('li', { hasText: 'guestbook ad' });
    await guestbookReport.getByText('留言').waitFor();

    // Removing the message takes it off the guestbook of whoever has it open.
    await r.goto(`${e2e.hub.url}/space/${reader.handle}`);
    await r.locator('kj-guestbook').getByText('Visit my watch shop').waitFor();
    await guestbookReport.getByRole('button', { name: '删除 Li Ming 举报的内容' }).click();
    await r.locator('kj-guestbook').getByText('Visit my watch shop').waitFor({ state: 'detached' });
    const left = ((await moderator.api.get('/moderation/reports')).body as { reports: ReportDto[] }).reports;
    expect(left.map((x) => x.subject.kind)).toEqual(['user']);
    const entries = ((await reader.api.get(`/spaces/${reader.handle}/guestbook`)).body as { entries: GuestbookEntryDto[] }).entries;
    expect(entries.map((e) => e.id)).not.toContain(entry.id);
  }, 120_000);
});
