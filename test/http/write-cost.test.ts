/**
 * What the soak's writes cost the store (issue #35), read from the hub's own `/metrics` (every command
 * the driver sends is counted there, by name): a post, a comment and a space visit, each a signed-in
 * POST with an Idempotency-Key, as the web client and the load tester send them. The key's claim and
 * its kept answer are two of each write's commands (written with j: false: no transaction of their own).
 */
import { describe, expect, it } from 'vitest';
import type { NotificationDto } from '../../shared/dto.js';
import { makeFriends, registerUser, useTestHub } from '../helpers/index.js';

type Counts = Readonly<Record<string, number>>;

/** Store commands the hub has sent so far, by name (less `count`: the scrape's own gauges). */
async function storeCommands(url: string): Promise<Counts> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('kj_store_command_duration_seconds_count') || line.includes('command="count"')) continue;
    const name = /command="([^"]*)"/.exec(line)?.[1] ?? '?';
    out[name] = (out[name] ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return out;
}

const total = (c: Counts) => Object.values(c).reduce((s, n) => s + n, 0);

/** The commands `write` made (the fewest of three tries: a background job of the hub may land in one). */
async function cost(url: string, write: () => Promise<unknown>): Promise<number> {
  const costs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const before = total(await storeCommands(url));
    await write();
    costs.push(total(await storeCommands(url)) - before);
  }
  return Math.min(...costs);
}

describe('the cost of a write at the soak’s mix', () => {
  const hub = useTestHub();

  it('a post, a comment and a visit take 3, 10 and 5 store commands, and each does what it says', async () => {
    const [alice, bob] = await Promise.all([registerUser(hub, 'alice'), registerUser(hub, 'bob')]);
    await makeFriends(alice, bob);
    // The first of each reads what the later ones remember (the bell's last number, the author's carers).
    const warm = await alice.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'warm', privacy: 'friends' } });
    await bob.api.call('POST /posts/:id/comments', { params: { id: warm.post.id }, body: { text: 'warm' } });
    await bob.api.send('POST /spaces/:handle/visit', { params: { handle: alice.handle } });

    const posted: string[] = [];
    // The key's claim, the post, the kept answer (its author's carers are remembered: care/carers-cache.ts).
    const post = await cost(hub.url, async () => {
      const { post: p } = await alice.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'sparse', privacy: 'friends' } });
      posted.push(p.id);
    });
    expect(post).toBeLessThanOrEqual(3);
    // The claim; the post, the friendship and the block (may bob see it); the comment and the post's count;
    // the notification (the budget's friendship, the insert, the unread count: the post as the comment read
    // it, the muted kinds and the number from memory); the kept answer. The owner's approval settings are
    // remembered.
    const comment = await cost(hub.url, () =>
      bob.api.call('POST /posts/:id/comments', { params: { id: posted[0]! }, body: { text: 'sparse comment' } }),
    );
    expect(comment).toBeLessThanOrEqual(10);
    // The claim; the block, twice (the /spaces/:handle guard, then the service); the visit log; the kept answer
    // (the owner's handle from her cached account, both times).
    const visit = await cost(hub.url, () => bob.api.send('POST /spaces/:handle/visit', { params: { handle: alice.handle } }));
    expect(visit).toBeLessThanOrEqual(5);

    // What a user sees: the posts, the comments and the bell numbered 1, 2, 3… without a gap.
    const { comments } = await alice.api.call('GET /posts/:id/comments', { params: { id: posted[0]! } });
    expect(comments.map((c) => c.text)).toEqual(['sparse comment', 'sparse comment', 'sparse comment']);
    const bell = await alice.api.send('GET /notifications', { query: { limit: 100 } });
    const rung: NotificationDto[] = bell.body.notifications;
    expect(rung.map((n) => n.seq)).toEqual(rung.map((_, i) => i + 1));
    expect(rung.filter((n) => n.kind === 'comment')).toHaveLength(4);
    const { visitors } = await alice.api.call('GET /spaces/:handle/visitors', { params: { handle: alice.handle }, query: {} });
    expect(visitors.map((v) => v.user.id)).toEqual([bob.id]);
  });
});
