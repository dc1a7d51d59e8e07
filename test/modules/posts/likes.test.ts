/** Likes: idempotent both ways, exact under concurrency, and the author is told (not for self-likes). */
import { describe, expect, it } from 'vitest';
import { registerUser, useTestHub } from '../../helpers/index.js';
import { shuoshuo } from './post-fixtures.js';

describe('likes', () => {
  const hub = useTestHub();

  it('liking twice counts once, unliking twice uncounts once, and `liked` follows the viewer', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const post = await shuoshuo(alice, 'public');
    expect(await bob.api.call('PUT /posts/:id/like', { params: { id: post.id } })).toEqual({ likes: 1, liked: true });
    expect(await bob.api.call('PUT /posts/:id/like', { params: { id: post.id } })).toEqual({ likes: 1, liked: true });
    expect((await bob.api.call('GET /posts/:id', { params: { id: post.id } })).post).toMatchObject({ liked: true, counts: { likes: 1 } });
    expect((await alice.api.call('GET /posts/:id', { params: { id: post.id } })).post).toMatchObject({
      liked: false,
      counts: { likes: 1 },
    });
    const feedOfBobSpace = await bob.api.send('GET /spaces/:handle/posts', { params: { handle: alice.handle } });
    expect(feedOfBobSpace.body.posts[0]).toMatchObject({ id: post.id, liked: true });
    expect(await bob.api.call('DELETE /posts/:id/like', { params: { id: post.id } })).toEqual({ likes: 0, liked: false });
    expect(await bob.api.call('DELETE /posts/:id/like', { params: { id: post.id } })).toEqual({ likes: 0, liked: false });
    expect(await alice.api.call('PUT /posts/:id/like', { params: { id: post.id } })).toEqual({ likes: 1, liked: true });
  });

  it('100 users liking at once make exactly 100 likes; all unliking at once make 0', async () => {
    const alice = await registerUser(hub, 'alice');
    const post = await shuoshuo(alice, 'public');
    const fans = await Promise.all(Array.from({ length: 100 }, (_, i) => registerUser(hub, `fan${i}`)));
    // Each fan likes twice, concurrently, to race the duplicate path too.
    const answers = await Promise.all(
      fans.flatMap((f) => [
        f.api.request('PUT /posts/:id/like', { params: { id: post.id } }),
        f.api.request('PUT /posts/:id/like', { params: { id: post.id } }),
      ]),
    );
    for (const a of answers) expect(a.status).toBe(200);
    expect((await alice.api.call('GET /posts/:id', { params: { id: post.id } })).post.counts.likes).toBe(100);
    await Promise.all(fans.map((f) => f.api.request('DELETE /posts/:id/like', { params: { id: post.id } })));
    expect((await alice.api.call('GET /posts/:id', { params: { id: post.id } })).post.counts.likes).toBe(0);
  }, 180_000); // registering 100 users (scrypt) dominates on a busy machine

  it('the author gets a grouped like notification, never one for their own like', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const carol = await registerUser(hub, 'carol');
    const post = await shuoshuo(alice, 'public');
    await alice.api.call('PUT /posts/:id/like', { params: { id: post.id } });
    await bob.api.call('PUT /posts/:id/like', { params: { id: post.id } });
    await carol.api.call('PUT /posts/:id/like', { params: { id: post.id } });
    const res = await alice.api.send('GET /notifications');
    expect(res.status).toBe(200);
    const likes = res.body.notifications.filter((n: { kind: string }) => n.kind === 'like');
    expect(likes.length).toBeGreaterThanOrEqual(1);
    expect(likes.every((n: { subject: { id: string } }) => n.subject.id === post.id)).toBe(true);
    expect(likes.some((n: { actor: { id: string } | null }) => n.actor?.id === alice.id)).toBe(false);
    // Grouped by `like:<postId>`: two likers fold into one unread notification (or are counted in it).
    const counted = likes.reduce((sum: number, n: { subject: { count?: number } }) => sum + (n.subject.count ?? 1), 0);
    expect(counted).toBe(2);
  });
});
