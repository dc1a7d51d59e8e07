/**
 * Blocking in the browser, two people: one blocks the other from their space (after a question);
 * the blocked person, with the blocker's space open, loses it live — "not available", none of the
 * old posts left on screen — while the blocker, who may still visit, is told whom they block. The
 * blocker unblocks from that space and from the blocked list in Settings. Also in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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

async function open(user: TestUser, path = '/', locale?: string): Promise<Page> {
  const o = await openAs(e2e, user, path, undefined, locale ? { locale } : {});
  opened.push(o);
  return o.page;
}

describe('blocking in the browser', () => {
  it(
    'the blocked person loses the blocker’s open space live; unblocking from the space and from Settings',
    { timeout: 60_000 },
    async () => {
      const ming = await registerUser(e2e.hub, 'ming', 'Ming Qi');
      const ning = await registerUser(e2e.hub, 'ning', 'Ning Bai');
      await makeFriends(ming, ning);
      expect((await ming.api.post('/posts', { kind: 'shuoshuo', text: 'Only for friends', privacy: 'friends' })).status).toBe(201);
      const [m, n] = await Promise.all([open(ming, `/space/${ning.handle}`), open(ning, `/space/${ming.handle}`)]);
      await n.getByText('Only for friends').waitFor();

      // Saying no changes nothing.
      m.once('dialog', (d) => void d.dismiss());
      await m.getByRole('button', { name: 'Block', exact: true }).click();
      await m.locator('kj-space-view').waitFor();

      let asked = '';
      m.once('dialog', (d) => {
        asked = d.message();
        void d.accept();
      });
      await m.getByRole('button', { name: 'Block', exact: true }).click();
      await m.getByText('You block Ning Bai: they cannot see your space or reach you.').waitFor();
      await m.getByRole('button', { name: 'Unblock' }).waitFor();
      expect(asked).toContain('Block Ning Bai?');

      // Ning's page, never reloaded: the space is gone, and nothing of it is left.
      await n.getByRole('heading', { name: 'This space is not available' }).waitFor();
      expect(await n.getByText('Only for friends').count()).toBe(0);
      expect(await n.locator('kj-space-view').count()).toBe(0);
      await screenshot(n, 'blocking-unavailable');
      expect((await ning.api.get(`/spaces/${ming.handle}`)).status).toBe(404);
      expect((await ming.api.get('/friends')).body.friends).toEqual([]);

      // Unblock from the space: Ning may see Ming's space again (the friendship does not come back).
      await m.getByRole('button', { name: 'Unblock' }).click();
      await m.getByRole('button', { name: 'Block', exact: true }).waitFor();
      expect(await m.getByText('You block Ning Bai').count()).toBe(0);
      expect((await ning.api.get(`/spaces/${ming.handle}`)).status).toBe(200);

      // Block again, then unblock from Settings' blocked list.
      m.once('dialog', (d) => void d.accept());
      await m.getByRole('button', { name: 'Block', exact: true }).click();
      await m.getByRole('button', { name: 'Unblock' }).waitFor();
      // Opened afresh, the space still says whom you block.
      await m.reload();
      await m.getByText('You block Ning Bai: they cannot see your space or reach you.').waitFor();
      await m.locator('kj-header').getByRole('link', { name: 'Settings' }).click();
      const row = m.locator(`kj-blocked-list li[data-blocked="${ning.handle}"]`);
      await row.getByText('Ning Bai').waitFor();
      await row.getByRole('button', { name: 'Unblock Ning Bai' }).click();
      await m.locator('kj-blocked-list').getByText('You have not blocked anyone.').waitFor();
      expect((await ming.api.get('/blocks')).body.users).toEqual([]);
    },
  );

  it('a blocked stranger with a public space open loses it too; in Chinese', async () => {
    const owner = await registerUser(e2e.hub, 'zhowner', '主人');
    const visitor = await registerUser(e2e.hub, 'zhvisitor', '访客');
    expect((await owner.api.post('/posts', { kind: 'shuoshuo', text: '公开的说说', privacy: 'public' })).status).toBe(201);
    const v = await open(visitor, `/space/${owner.handle}`, 'zh-CN');
    await v.getByText('公开的说说').waitFor();
    await v.getByRole('button', { name: '拉黑' }).waitFor(); // the visitor may block the owner too
    expect((await owner.api.put(`/blocks/${visitor.handle}`)).status).toBe(204);
    await v.getByRole('heading', { name: '这个空间无法访问' }).waitFor();
    expect(await v.getByText('公开的说说').count()).toBe(0);
  });
});
