/**
 * Bug: 25 like/unlike cycles by one user left the author a notification saying 25 likes on a post
 * with 0. Now an unlike takes its like back from the unread folded notification.
 */
import { describe, expect, it } from 'vitest';
import { registerUser, useTestHub, type ApiClient } from '../../helpers/index.js';

describe('like/unlike cycles', { timeout: 90_000 }, () => {
  const hub = useTestHub();

  const likeNotifications = async (api: Pick<ApiClient, 'get'>) =>
    (await api.get('/notifications')).body.notifications.filter((n: { kind: string }) => n.kind === 'like');

  it('25 cycles by one user leave no like notification; one more like leaves "1"', async () => {
    const [author, cycler, other] = await Promise.all(['author', 'cycler', 'other'].map((s) => registerUser(hub, s)));
    const post = (await author!.api.post('/posts', { kind: 'shuoshuo', text: 'like me', privacy: 'public' })).body.post;
    for (let i = 0; i < 25; i += 1) {
      expect((await cycler!.api.put(`/posts/${post.id}/like`)).status).toBe(200);
      expect((await cycler!.api.delete(`/posts/${post.id}/like`)).status).toBe(200);
    }
    expect((await author!.api.get(`/posts/${post.id}`)).body.post.counts.likes).toBe(0);
    expect(await likeNotifications(author!.api)).toEqual([]);

    await cycler!.api.put(`/posts/${post.id}/like`);
    await other!.api.put(`/posts/${post.id}/like`);
    const [folded] = await likeNotifications(author!.api);
    expect(folded.subject.count).toBe(2);
    await other!.api.delete(`/posts/${post.id}/like`);
    expect((await likeNotifications(author!.api))[0].subject.count).toBe(1);
  });
});
