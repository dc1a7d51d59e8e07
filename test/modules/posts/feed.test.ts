/** What the feed holds: one's own posts and what friends let one see, never strangers'. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFriends, registerUser, startTestHub, type TestHub, type TestUser } from '../../helpers/index.js';
import { allPages, shuoshuo } from './post-fixtures.js';

describe('the feed', () => {
  let hub: TestHub;
  let moderator: TestUser;
  beforeAll(async () => {
    hub = await startTestHub();
    moderator = await registerUser(hub, 'mod'); // the first user of a hub is a moderator
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('holds own posts of every privacy and friends’ public and friends-only posts, nothing else', async () => {
    const me = await registerUser(hub, 'me');
    const friend = await registerUser(hub, 'friend');
    const stranger = await registerUser(hub, 'stranger');
    const friendOfFriend = await registerUser(hub, 'fof');
    await makeFriends(me, friend);
    await makeFriends(friend, friendOfFriend);

    const mine = [await shuoshuo(me, 'public'), await shuoshuo(me, 'friends'), await shuoshuo(me, 'private')];
    const friendVisible = [await shuoshuo(friend, 'public'), await shuoshuo(friend, 'friends')];
    const hidden = [
      await shuoshuo(friend, 'private'),
      await shuoshuo(stranger, 'public'),
      await shuoshuo(stranger, 'friends'),
      await shuoshuo(friendOfFriend, 'public'),
      await shuoshuo(friendOfFriend, 'friends'),
    ];

    const feed = await me.api.send('GET /feed');
    expect(feed.status).toBe(200);
    const got = feed.body.posts.map((p: { id: string }) => p.id);
    expect(new Set(got)).toEqual(new Set([...mine, ...friendVisible].map((p) => p.id)));
    for (const h of hidden) expect(got).not.toContain(h.id);
    // Newest first.
    const times = feed.body.posts.map((p: { createdAt: string }) => Date.parse(p.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('a deleted post leaves every feed; the feed needs a signed-in user', async () => {
    const me = await registerUser(hub, 'me');
    const friend = await registerUser(hub, 'friend');
    await makeFriends(me, friend);
    const post = await shuoshuo(friend, 'friends');
    expect(await allPages(me, '/feed')).toContain(post.id);
    expect((await friend.api.send('DELETE /posts/:id', { params: { id: post.id } })).status).toBe(204);
    expect(await allPages(me, '/feed')).not.toContain(post.id);
    expect(await allPages(friend, '/feed')).not.toContain(post.id);
    expect((await friend.api.request('GET /posts/:id', { params: { id: post.id } })).status).toBe(404);
    expect((await friend.api.request('DELETE /posts/:id', { params: { id: post.id } })).status).toBe(404);
  });

  it('only the author (or a moderator) deletes a post', async () => {
    const me = await registerUser(hub, 'me');
    const friend = await registerUser(hub, 'friend');
    const stranger = await registerUser(hub, 'stranger');
    await makeFriends(me, friend);
    const pub = await shuoshuo(me, 'public');
    const priv = await shuoshuo(me, 'private');
    expect((await friend.api.request('DELETE /posts/:id', { params: { id: pub.id } })).status).toBe(403);
    expect((await stranger.api.request('DELETE /posts/:id', { params: { id: priv.id } })).status).toBe(404);
    expect((await me.api.send('GET /posts/:id', { params: { id: pub.id } })).status).toBe(200);
    expect((await moderator.api.send('DELETE /posts/:id', { params: { id: priv.id } })).status).toBe(204);
    expect((await me.api.request('GET /posts/:id', { params: { id: priv.id } })).status).toBe(404);
  });
});
