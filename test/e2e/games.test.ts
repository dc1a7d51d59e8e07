/**
 * Games beyond one match: open invites survive a reload and can be cancelled (the invited person's
 * list follows live); a won match shows its winning line, replays move by move and offers a rematch;
 * resigning ends a match for both at once; a space lists its matches, each opening its replay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { InviteDto, MatchDto } from '../../shared/dto.js';
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

const openInvites = (page: Page) => page.locator('kj-pending-invites');
const status = (page: Page) => page.locator('kj-match-page [data-testid="match-status"]');

describe('games in the browser', () => {
  it('open invites survive a reload; cancelling one takes it off the other person’s list live', async () => {
    const host = await registerUser(e2e.hub, 'host', 'Wang Fang');
    const guest = await registerUser(e2e.hub, 'guest', 'Zhou Jie');
    await makeFriends(host, guest);
    const [h, g] = await Promise.all([open(host, '/games'), open(guest, '/games')]);
    await h.locator(`kj-games-page li[data-friend="${guest.handle}"]`).getByRole('button', { name: 'Invite to Gomoku' }).click();
    await openInvites(g).getByText('Wang Fang invites you to Gomoku').waitFor();

    await h.reload();
    await openInvites(h).getByText('Waiting for Zhou Jie').waitFor();
    await openInvites(h).getByRole('button', { name: 'Cancel the invite to Zhou Jie' }).click();
    await expect.poll(() => openInvites(g).locator('li').count()).toBe(0);
    expect(await openInvites(h).locator('li').count()).toBe(0);
    expect(((await guest.api.get('/invites')).body as { incoming: unknown[] }).incoming).toEqual([]);
  });

  it('a friendship made while both have Games open puts each in the other’s list to invite, online, at once', async () => {
    const ying = await registerUser(e2e.hub, 'ying', 'Ying Yue');
    const bo = await registerUser(e2e.hub, 'bo', 'Bo Wen');
    const [y, b] = await Promise.all([open(ying, '/games'), open(bo, '/games')]);
    await y.locator('kj-games-page').getByText('Add friends on the feed to play with them.').waitFor();
    await makeFriends(ying, bo);
    const row = y.locator(`kj-games-page li[data-friend="${bo.handle}"]`);
    await row.getByText('online').waitFor();
    await b.locator(`kj-games-page li[data-friend="${ying.handle}"]`).getByText('online').waitFor();
    await row.getByRole('button', { name: 'Invite to Gomoku' }).click();
    await openInvites(b).getByText('Ying Yue invites you to Gomoku').waitFor();
  });

  it('a won match shows the winning line and replays; rematch and resign work for both players live', async () => {
    const host = await registerUser(e2e.hub, 'host2', 'Chen Jing');
    const guest = await registerUser(e2e.hub, 'guest2', 'Lu Yao');
    await makeFriends(host, guest);
    const [h, g] = await Promise.all([open(host, '/games'), open(guest, '/games')]);
    await guest.api.post('/invites', { to: host.handle, game: 'gomoku' });
    await openInvites(h).getByRole('button', { name: 'Accept' }).click();
    await h.waitForURL(/\/games\/[0-9a-f]{24}$/);
    await g.waitForURL(h.url());
    const matchId = h.url().split('/').pop()!;
    // The inviter moves first (black): the guest.
    for (let i = 0; i < 5; i++) {
      await status(g).getByText('Your move.').waitFor();
      await g.locator(`kj-gomoku-board [data-x="${i}"][data-y="7"]`).click();
      if (i === 4) break;
      await status(h).getByText('Your move.').waitFor();
      await h.locator(`kj-gomoku-board [data-x="${i}"][data-y="9"]`).click();
    }
    await status(g).getByText('You won!').waitFor();
    await status(h).getByText('Lu Yao won.').waitFor();
    for (const page of [g, h]) await expect.poll(() => page.locator('kj-gomoku-board [data-win="true"]').count()).toBe(5);
    await screenshot(h, 'gomoku-winning-line');

    // Replay: back to the start, then one move in.
    const position = h.locator('kj-match-controls [data-testid="replay-position"]');
    await expect.poll(() => position.textContent()).toBe('Move 9 of 9');
    await h.getByRole('button', { name: 'To the first move' }).click();
    await expect.poll(() => position.textContent()).toBe('Move 0 of 9');
    expect(await h.locator('kj-gomoku-board .stone').count()).toBe(0);
    await h.getByRole('button', { name: 'One move forward' }).click();
    await expect.poll(() => h.locator('kj-gomoku-board .stone').count()).toBe(1);
    await h.keyboard.press('ArrowRight');
    await expect.poll(() => position.textContent()).toBe('Move 2 of 9');

    // The loser asks for a rematch; the winner accepts and both are in the new match.
    await h.getByRole('button', { name: 'Rematch' }).click();
    await h.waitForURL(/\/invites\/[0-9a-f]{24}$/);
    const rematchId = h.url().split('/').pop()!;
    const invite = ((await guest.api.get(`/invites/${rematchId}`)).body as { invite: InviteDto }).invite;
    expect(invite).toMatchObject({ status: 'pending', from: { id: host.id }, to: { id: guest.id } });
    const accepted = await guest.api.post(`/invites/${rematchId}/accept`);
    const second = (accepted.body as { match: MatchDto }).match;
    // The one who asked, waiting on the invite, is taken to the new board at once.
    await h.waitForURL(`**/games/${second.id}`);
    await h.getByRole('button', { name: 'Resign' }).waitFor();

    // Resigning: the guest watches the new match and sees it end at once.
    await g.goto(`${e2e.hub.url}/games/${second.id}`);
    await status(g).waitFor();
    await h.getByRole('button', { name: 'Resign' }).click();
    await status(h).getByText('You resigned.').waitFor();
    await status(g).getByText('Chen Jing resigned. You won!').waitFor();
    expect(await h.getByRole('button', { name: 'Resign' }).count()).toBe(0);

    // Both matches are in the guest's space, each opening with its replay.
    await g.goto(`${e2e.hub.url}/space/${guest.handle}`);
    const history = g.locator('kj-match-history');
    await expect.poll(() => history.locator('li').count(), { timeout: 15_000 }).toBe(2); // the space loads slowly on a busy box
    await history.locator(`li[data-match-id="${matchId}"] a`).click();
    await g.waitForURL(`**/games/${matchId}`);
    await g.locator('kj-match-controls [data-testid="replay-position"]').getByText('Move 9 of 9').waitFor();
  }, 90_000); // two whole matches in two browsers: ~5 s alone, much longer beside the rest of the suite
});
