/**
 * The moderators' log speaks the reader's language and names no item by id (中文界面): a rule reads
 * "待审：「代购」", not "hold: 代购"; a resolved report names the kind of item and the translated
 * reason and whose item it was (小刚的动态「…」), not "post 6b15d0cd…: spam: …"; so does the report's notification.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/dto.js';
import { registerUser, type TestUser } from '../helpers/users.js';
import { openAs, startE2E, type E2E, type UserPage } from './browser.js';

let e2e: E2E;
let moderator: TestUser;
const opened: UserPage[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  moderator = await registerUser(e2e.hub, 'moderator', '管理员'); // the hub's first account moderates
}, 90_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
});

describe('the audit log in Chinese', () => {
  it('labels rule actions and report reasons, and shows no ids', async () => {
    const writer = await registerUser(e2e.hub, 'writer', '小刚');
    const reader = await registerUser(e2e.hub, 'reader', '小丽');
    await moderator.api.post('/moderation/rules', { pattern: '代购', action: 'hold' });
    const post = (
      (await writer.api.post('/posts', { kind: 'shuoshuo', text: '今天天气很好', privacy: 'public' })).body as { post: PostDto }
    ).post;
    const { report } = await reader.api.call('POST /reports', {
      body: { subject: { kind: 'post', id: post.id }, reason: 'spam: 一直发广告' },
    });
    await moderator.api.call('POST /moderation/reports/:id/resolve', { params: { id: report.id }, body: { action: 'dismiss' } });

    const o = await openAs(e2e, moderator, '/moderation', undefined, { locale: 'zh-CN' });
    opened.push(o);
    const log = o.page.locator('kj-audit-log');
    await log.locator('li[data-action="rule.create"]').getByText('待审：「代购」').waitFor();
    const dismissed = log.locator('li[data-action="report.dismiss"]');
    await dismissed.getByText('动态：垃圾信息或广告 · 一直发广告').waitFor();
    // The item is named by whose it is and what it said.
    await dismissed.getByText('小刚的动态「今天天气很好」').waitFor();
    const text = (await log.textContent()) ?? '';
    expect(text).not.toMatch(/[0-9a-f]{24}/);
    expect(text).not.toContain('hold:');
    expect(text).not.toContain('spam:');

    // The report's notification says the reason in words too.
    await o.page.goto(`${e2e.hub.url}/notifications`);
    const note = o.page.locator('kj-notifications-page li', { hasText: '小丽' }).first();
    await note.getByText('垃圾信息或广告 “一直发广告”', { exact: false }).waitFor();
    expect(await note.textContent()).not.toContain('spam:');
  });
});
