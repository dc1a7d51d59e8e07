/**
 * Attack: strangers flood one person's bell. Before the fix one stranger pushed 212 notifications
 * (mentions, guestbook entries) into one bell in 60 s. Now one sender may cause one recipient 20 in
 * 10 minutes, and all strangers together 60; past that the notification is dropped silently, while
 * the posts and entries themselves follow their own rules. A friend still gets through.
 */
import { describe, expect, it } from 'vitest';
import { makeFriends, registerUser, useTestHub, type TestUser } from '../../helpers/index.js';

async function bell(user: TestUser): Promise<Array<{ kind: string; actor: { id: string } | null }>> {
  const res = await user.api.get('/notifications?limit=500');
  expect(res.status).toBe(200);
  return res.body.notifications;
}

describe('notification flood', { timeout: 120_000 }, () => {
  // Budgets as in production (the test default multiplies them by 50).
  const hub = useTestHub({ env: { RATE_LIMIT_SCALE: '1' } });

  it('one stranger: 20 notifications in one bell, the rest of 50 mentions and entries dropped; all the content is there', async () => {
    const victim = await registerUser(hub, 'victim');
    const stranger = await registerUser(hub, 'stranger');
    for (let i = 0; i < 30; i += 1) {
      const res = await stranger.api.post('/posts', { kind: 'shuoshuo', text: `@${victim.handle} look ${i}`, privacy: 'public' });
      expect(res.status).toBe(201);
    }
    for (let i = 0; i < 20; i += 1) {
      const res = await stranger.api.post(`/spaces/${victim.handle}/guestbook`, { text: `hello ${i}`, private: false });
      expect(res.status).toBe(201);
    }
    const fromStranger = (await bell(victim)).filter((n) => n.actor?.id === stranger.id);
    console.info(`one stranger: 50 mentions and guestbook entries, ${fromStranger.length} notifications`);
    expect(fromStranger).toHaveLength(20);
    const guestbook = await victim.api.get(`/spaces/${victim.handle}/guestbook`);
    expect(guestbook.body.entries).toHaveLength(20);
  });

  it('four strangers: 60 notifications in one bell from all of them together; a friend still gets through', async () => {
    const victim = await registerUser(hub, 'popular');
    const friend = await registerUser(hub, 'friend');
    await makeFriends(victim, friend);
    const strangers = await Promise.all([0, 1, 2, 3].map((i) => registerUser(hub, `crowd${i}`)));
    for (const s of strangers) {
      for (let i = 0; i < 20; i += 1) {
        const res = await s.api.post('/posts', { kind: 'shuoshuo', text: `@${victim.handle} ${i}`, privacy: 'public' });
        expect(res.status).toBe(201);
      }
    }
    const mention = await friend.api.post('/posts', { kind: 'shuoshuo', text: `@${victim.handle} from a friend`, privacy: 'public' });
    expect(mention.status).toBe(201);
    const all = await bell(victim);
    const fromStrangers = all.filter((n) => strangers.some((s) => s.id === n.actor?.id));
    console.info(`four strangers: 80 mentions, ${fromStrangers.length} notifications`);
    expect(fromStrangers).toHaveLength(60);
    expect(all.filter((n) => n.actor?.id === friend.id && n.kind === 'mention')).toHaveLength(1);
  });
});
