/**
 * The v1.2 circles in the browser, three people: an owner who approves guestbook messages (留言审核)
 * sees a waiting message arrive live in settings and approves it, while its author watches it go from
 * "待审核" to published without a reload; the owner's reply (主人回复) reaches the author live; who liked
 * a post shows under it and follows new likes live; a cared-for friend's new post (特别关心) reaches the
 * carer's open page. axe-core finds nothing serious on the new settings section in both languages, at 390 px.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFriends, registerUser } from '../helpers/users.js';
import { openAs, startE2E, type E2E, type UserPage } from './browser.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
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

async function open(user: Parameters<typeof openAs>[1], path: string, locale: string, width = 390): Promise<Page> {
  const o = await openAs(e2e, user, path, { width, height: 844 }, { locale, bypassCSP: true });
  opened.push(o);
  o.context.setDefaultTimeout(20_000);
  return o.page;
}

/** The serious and critical axe-core violations on the page as it is now. */
async function seriousProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string | null }[] }> } }
    ).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

describe('circles in the browser', () => {
  it('approval, the owner’s reply, who liked and special care, each seen live by the other person', async () => {
    const owner = await registerUser(e2e.hub, 'gardener', '小美');
    const author = await registerUser(e2e.hub, 'neighbour', '小李');
    await makeFriends(owner, author);
    const post = (await owner.api.post('/posts', { kind: 'shuoshuo', text: '今天的花开了', privacy: 'friends' })).body.post;

    // The owner turns on 留言审核 in settings (390 px wide, Chinese).
    const o = await open(owner, '/settings', 'zh-CN');
    const circles = o.locator('kj-circles-settings');
    await circles.getByText('暂时没有待审核的内容。').waitFor();
    await circles.getByLabel('留言需经我审核后才显示').check();
    await circles.getByText('已保存。').waitFor();
    expect(await seriousProblems(o)).toEqual([]);

    // The author leaves a message: it shows to them as 待审核, and reaches the owner's pending list live.
    const a = await open(author, `/space/${owner.handle}`, 'zh-CN');
    const guestbook = a.locator('kj-guestbook');
    await guestbook.locator('textarea').fill('你的花园真漂亮');
    await guestbook.getByRole('button', { name: '发表留言' }).click();
    await guestbook.locator('[data-testid="pending"]').waitFor();
    const waiting = circles.locator('li', { hasText: '你的花园真漂亮' });
    await waiting.waitFor();
    await waiting.getByRole('button', { name: '通过' }).click();
    await waiting.waitFor({ state: 'detached' });
    await guestbook.locator('[data-testid="pending"]').waitFor({ state: 'detached' });
    // …and the author is told who approved it, live (the notification's toast).
    await a.getByText('小美通过了你的留言', { exact: false }).first().waitFor();

    // The owner replies under it from their own space; the author's open page shows the reply.
    await o.goto(`${e2e.hub.url}/space/${owner.handle}`);
    const entry = o.locator('kj-guestbook li', { hasText: '你的花园真漂亮' });
    await entry.getByRole('button', { name: '回复' }).click();
    await entry.getByLabel('你的回复').fill('谢谢你来看花');
    await entry.getByRole('button', { name: '保存' }).click();
    await guestbook.getByText('谢谢你来看花').waitFor();

    // Who liked: the author likes the post; the owner's open space shows it under the post, live.
    await author.api.put(`/posts/${post.id}/like`);
    await o.locator('kj-likers').getByText('小李 觉得很赞').waitFor();

    // Special care: the author marks the owner; the owner's next post reaches the author's open page.
    expect((await author.api.put(`/friends/${owner.handle}/care`)).status).toBe(204);
    await owner.api.post('/posts', { kind: 'shuoshuo', text: '新的一天', privacy: 'friends' });
    await a.getByText('特别关心：小美发表了新动态', { exact: false }).first().waitFor();
  }, 180_000);

  it('the new settings section has no serious axe problems in English either', async () => {
    const user = await registerUser(e2e.hub, 'plainuser', 'Plain User');
    const page = await open(user, '/settings', 'en-US');
    await page.locator('kj-circles-settings').getByText('Nothing is waiting.').waitFor();
    await page.locator('kj-circles-settings').getByText('A Yellow diamond privilege.').waitFor();
    expect(await seriousProblems(page)).toEqual([]);
  }, 90_000);
});
