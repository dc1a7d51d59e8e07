/**
 * Notifications lead somewhere: each kind opens what it is about (the post, the request with its
 * answer, the guestbook, the invite), and muting a kind from its screen stops it. Two people in two
 * browser contexts; one acts, the other sees it without reloading.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { InviteDto, NotificationDto, PostDto } from '../../shared/dto.js';
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
  return o.page;
}

const item = (page: Page, text: string | RegExp) => page.locator('kj-notifications-page li', { hasText: text });

describe('notifications lead somewhere', () => {
  it('a like opens the post at /post/:id, whose comments then arrive live', async () => {
    const alice = await registerUser(e2e.hub, 'alice', 'Alice Wang');
    const bob = await registerUser(e2e.hub, 'bob', 'Bob Chen');
    await makeFriends(alice, bob);
    const created = await alice.api.post('/posts', { kind: 'shuoshuo', text: 'Dumplings for dinner', privacy: 'friends' });
    const postId = (created.body as { post: PostDto }).post.id;
    const a = await open(alice, '/notifications');

    await bob.api.put(`/posts/${postId}/like`);
    await item(a, 'Bob Chen liked your post').getByRole('link').click();
    await a.waitForURL(`**/post/${postId}`);
    await a.locator('kj-post-page kj-post-card').getByText('Dumplings for dinner').waitFor();
    await a.locator('kj-post-page kj-comments').getByText('No comments yet').waitFor();

    await bob.api.post(`/posts/${postId}/comments`, { text: 'Save me some!' });
    await a.locator('kj-post-page kj-comments').getByText('Save me some!').waitFor();
    await screenshot(a, 'post-page');

    // A post the viewer may not see says so instead of a blank page.
    await a.goto(`${e2e.hub.url}/post/0123456789abcdef01234567`);
    await a.getByText('Post not found').waitFor();
  });

  it('a mention in a comment and a reply to a comment each open the post they are about', async () => {
    const alice = await registerUser(e2e.hub, 'alice2', 'Alice Wang');
    const bob = await registerUser(e2e.hub, 'bob2', 'Bob Chen');
    const carol = await registerUser(e2e.hub, 'carol', 'Carol Xu');
    const postId = (
      (await alice.api.post('/posts', { kind: 'shuoshuo', text: 'Sunset over the river', privacy: 'public' })).body as { post: PostDto }
    ).post.id;
    const [c, b] = await Promise.all([open(carol, '/notifications'), open(bob, '/notifications')]);

    const comment = await bob.api.post(`/posts/${postId}/comments`, { text: `You would love this, @${carol.handle}` });
    const commentId = (comment.body as { comment: { id: string } }).comment.id;
    await item(c, 'Bob Chen mentioned you').getByRole('link').click();
    await c.waitForURL(`**/post/${postId}`);
    await c.locator('kj-post-page kj-comments').getByText('You would love this').waitFor();

    await alice.api.post(`/posts/${postId}/comments`, { text: 'Come along next time', parentId: commentId });
    await item(b, 'Alice Wang replied to your comment').getByRole('link').click();
    await b.waitForURL(`**/post/${postId}`);
    await b.locator('kj-post-page kj-comments').getByText('Come along next time').waitFor();
    // Carol, still on the post, sees the reply arrive without a reload.
    await c.locator('kj-post-page kj-comments').getByText('Come along next time').waitFor();
  });

  it('a friend request is accepted from its notification; the requester sees the new friend live', async () => {
    const mei = await registerUser(e2e.hub, 'mei', 'Mei Lin');
    const jun = await registerUser(e2e.hub, 'jun', 'Jun Zhao');
    const [m, j] = await Promise.all([open(mei, '/notifications'), open(jun, '/')]);
    await j.locator('kj-friends-panel').getByText('No friends yet').waitFor();

    await jun.api.post('/friends/requests', { to: mei.handle });
    const request = item(m, 'Jun Zhao wants to be your friend');
    await request.getByRole('button', { name: 'Accept Jun Zhao' }).click();
    await request.getByText('You are friends now').waitFor();
    await screenshot(m, 'notification-friend-request');

    // Jun never reloads: the acceptance reaches his friends list.
    await j.locator('kj-friends-panel li[data-friend]', { hasText: 'Mei Lin' }).waitFor();
    const friends = await mei.api.get('/friends');
    expect((friends.body as { friends: { handle: string }[] }).friends.map((f) => f.handle)).toEqual([jun.handle]);

    // A declined one is gone from the requester's outgoing list at once.
    const wu = await registerUser(e2e.hub, 'wu', 'Wu Fang');
    await wu.api.post('/friends/requests', { to: mei.handle });
    await item(m, 'Wu Fang wants to be your friend').getByRole('button', { name: 'Decline Wu Fang' }).click();
    await item(m, 'Wu Fang wants to be your friend').getByText('Declined').waitFor();
    const outgoing = await wu.api.get('/friends/requests');
    expect((outgoing.body as { outgoing: unknown[] }).outgoing).toEqual([]);
  });

  it('a guestbook message opens the owner’s guestbook with the message in it', async () => {
    const owner = await registerUser(e2e.hub, 'owner', 'Xiao Hong');
    const guest = await registerUser(e2e.hub, 'guest', 'Da Wei');
    const o = await open(owner, '/notifications');
    await guest.api.post(`/spaces/${owner.handle}/guestbook`, { text: 'Lovely garden, come visit mine' });
    await item(o, 'Da Wei left a message').getByRole('link').click();
    await o.waitForURL(`**/space/${owner.handle}/guestbook`);
    await o.locator('kj-guestbook').getByText('Lovely garden, come visit mine').waitFor();
    await expect.poll(() => o.locator('kj-guestbook').evaluate((el) => el.getBoundingClientRect().top < window.innerHeight)).toBe(true);
  });

  it('an invite opens the invite page; accepting it starts the match for both', async () => {
    const host = await registerUser(e2e.hub, 'host', 'Chen Jing');
    const guest = await registerUser(e2e.hub, 'player', 'Lu Yao');
    await makeFriends(host, guest);
    const [g, h] = await Promise.all([open(guest, '/notifications'), open(host, '/games')]);
    const sent = await host.api.post('/invites', { to: guest.handle, game: 'gomoku' });
    const invite = (sent.body as { invite: InviteDto }).invite;

    await item(g, 'Chen Jing invited you to a game').getByRole('link').click();
    await g.waitForURL(`**/invites/${invite.id}`);
    await g.getByRole('heading', { name: /Chen Jing invites you to/ }).waitFor();
    await g.getByRole('button', { name: 'Accept and play' }).click();
    await g.waitForURL(/\/games\/[0-9a-f]{24}$/);
    // The host was on the games page: the accepted invite takes them to the same match.
    await h.waitForURL(g.url());

    // The inviter's own view of a later invite can cancel it; the invited person's page follows live.
    const again = await guest.api.post('/invites', { to: host.handle, game: 'gomoku' });
    const second = (again.body as { invite: InviteDto }).invite;
    await g.goto(`${e2e.hub.url}/invites/${second.id}`);
    await h.goto(`${e2e.hub.url}/invites/${second.id}`);
    await h.getByRole('button', { name: 'Accept and play' }).waitFor();
    await g.getByRole('button', { name: 'Cancel the invite' }).click();
    await h.getByText('Cancelled by the inviter.').waitFor();
    expect(await h.getByRole('button', { name: 'Accept and play' }).count()).toBe(0);
  });

  it('muting likes on the settings screen stops like notifications; the choice is kept', async () => {
    const poet = await registerUser(e2e.hub, 'poet', 'Du Fu');
    const fan = await registerUser(e2e.hub, 'fan', 'Li Bai');
    await makeFriends(poet, fan);
    const created = await poet.api.post('/posts', { kind: 'shuoshuo', text: 'Quiet night thoughts', privacy: 'friends' });
    const postId = (created.body as { post: PostDto }).post.id;
    const p = await open(poet, '/notifications');
    await p.getByRole('link', { name: 'Choose what to hear about' }).click();
    await p.waitForURL('**/notifications/settings');
    const likes = p.getByRole('checkbox', { name: 'Likes' });
    await expect.poll(() => likes.isChecked()).toBe(true);
    await likes.uncheck();
    await p.getByText('Saved.').waitFor();
    await screenshot(p, 'notification-settings');

    await fan.api.put(`/posts/${postId}/like`);
    await fan.api.post(`/posts/${postId}/comments`, { text: 'Bright moonlight before my bed' });
    await p.getByRole('link', { name: '← Notifications' }).click();
    await item(p, 'Li Bai commented on your post').waitFor();
    const list = await poet.api.get('/notifications');
    const kinds = (list.body as { notifications: NotificationDto[] }).notifications.map((n) => n.kind);
    expect(kinds).toContain('comment');
    expect(kinds).not.toContain('like');

    await p.goto(`${e2e.hub.url}/notifications/settings`);
    await expect.poll(() => p.getByRole('checkbox', { name: 'Likes' }).isChecked()).toBe(false);
  });
});
