/**
 * Attack (a leak): C comments on O's friends-only post; O unfriends C; C gets 404 on the post, but
 * replies to C's comment still reached C as live and stored `reply` notifications carrying up to 80
 * characters of each reply. Now every notification about a post is re-checked against what its
 * recipient may see at the moment it is sent.
 */
import { describe, expect, it } from 'vitest';
import { connectSocket, engines, expectNoEvent, makeFriends, nextEvent, registerUser, settle, useTestHub } from '../../helpers/index.js';

describe.each(engines)('a removed friend and replies to their comment on %s', (engine) => {
  const hub = useTestHub({ engine });

  it("after unfriending, replies to the ex-friend's comment reach them neither live nor stored", async () => {
    const [owner, ex, friend] = await Promise.all(['owner', 'ex', 'friend'].map((s) => registerUser(hub, s)));
    await makeFriends(owner!, ex!);
    await makeFriends(owner!, friend!);
    const post = (await owner!.api.post('/posts', { kind: 'shuoshuo', text: 'friends only', privacy: 'friends' })).body.post;
    const comment = (await ex!.api.post(`/posts/${post.id}/comments`, { text: 'my comment' })).body.comment;
    expect(comment.id).toBeTruthy();

    // While still friends a reply reaches the commenter (the positive case).
    const exSocket = await connectSocket(hub, ex!.token);
    await friend!.api.post(`/posts/${post.id}/comments`, { text: 'first reply', parentId: comment.id });
    expect((await nextEvent(exSocket, 'notification', (n) => n.notification.kind === 'reply')).notification.subject.id).toBe(post.id);

    expect((await owner!.api.delete(`/friends/${ex!.handle}`)).status).toBe(204);
    expect((await ex!.api.get(`/posts/${post.id}`)).status).toBe(404);
    const before = (await ex!.api.get('/notifications')).body.notifications.length;

    await friend!.api.post(`/posts/${post.id}/comments`, { text: 'a secret the ex-friend must not read', parentId: comment.id });
    await owner!.api.post(`/posts/${post.id}/comments`, { text: 'another secret', parentId: comment.id });
    await settle(exSocket);
    await expectNoEvent(
      exSocket,
      'notification',
      (n) => n.notification.kind === 'reply' && n.notification.subject.excerpt !== 'first reply',
    );
    const after = (await ex!.api.get('/notifications')).body.notifications;
    expect(after).toHaveLength(before);
    expect(JSON.stringify(after)).not.toContain('secret');
  });
});
