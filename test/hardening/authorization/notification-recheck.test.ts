/**
 * The authorization matrix for notifications: a notification about a post reaches its recipient
 * (live and stored) only if they may see the post at the moment it is sent. Rows: reply, comment and
 * like notifications × (friend, ex-friend, stranger, owner) × (public, friends-only post).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { NotificationDto } from '../../../shared/dto.js';
import {
  connectSocket,
  engines,
  makeFriends,
  registerUser,
  settle,
  type TestSocket,
  type TestUser,
  useTestHub,
} from '../../helpers/index.js';

type Who = 'friend' | 'exFriend' | 'stranger';

describe.each(engines)('notifications re-check what their recipient may see on %s', (engine) => {
  const hub = useTestHub({ engine });
  let owner: TestUser;
  const people = {} as Record<Who, TestUser>;
  const posts = {} as Record<'public' | 'friends', string>;
  const comments = {} as Record<'public' | 'friends', Partial<Record<Who, string>>>;

  beforeAll(async () => {
    owner = await registerUser(hub, 'owner');
    for (const who of ['friend', 'exFriend', 'stranger'] as const) people[who] = await registerUser(hub, who.toLowerCase());
    await makeFriends(owner, people.friend);
    await makeFriends(owner, people.exFriend);
    for (const privacy of ['public', 'friends'] as const) {
      posts[privacy] = (await owner.api.post('/posts', { kind: 'shuoshuo', text: `a ${privacy} post`, privacy })).body.post.id;
      comments[privacy] = {};
      for (const who of ['friend', 'exFriend', 'stranger'] as const) {
        const res = await people[who].api.post(`/posts/${posts[privacy]}/comments`, { text: `${who} was here` });
        if (res.status === 201) comments[privacy][who] = res.body.comment.id;
      }
    }
    // The stranger could only comment on the public post; the ex-friend commented on both while a friend.
    expect(Object.keys(comments.friends).sort()).toEqual(['exFriend', 'friend']);
    expect((await owner.api.delete(`/friends/${people.exFriend.handle}`)).status).toBe(204);
  });

  /** A socket of `user` (the hub closes every socket after each test) and what it receives. */
  async function listen(user: TestUser): Promise<{ socket: TestSocket; live: NotificationDto[] }> {
    const socket = await connectSocket(hub, user.token);
    const live: NotificationDto[] = [];
    socket.on('notification', ({ notification }) => live.push(notification));
    return { socket, live };
  }

  const stored = async (user: TestUser): Promise<NotificationDto[]> => (await user.api.get('/notifications')).body.notifications;

  const replyRows: ReadonlyArray<readonly [privacy: 'public' | 'friends', who: Who, reaches: boolean]> = [
    ['public', 'friend', true],
    ['public', 'exFriend', true],
    ['public', 'stranger', true],
    ['friends', 'friend', true],
    ['friends', 'exFriend', false],
  ];

  it.each(replyRows)("a reply on a %s post to the %s's comment reaches them: %s", async (privacy, who, reaches) => {
    const { socket, live } = await listen(people[who]);
    const text = `reply-${privacy}-${who}`;
    expect((await owner.api.post(`/posts/${posts[privacy]}/comments`, { text, parentId: comments[privacy][who] })).status).toBe(201);
    await settle(socket);
    const gotLive = live.some((n) => n.kind === 'reply' && n.subject.excerpt === text);
    const gotStored = (await stored(people[who])).some((n) => n.kind === 'reply' && n.subject.excerpt === text);
    expect(gotLive).toBe(reaches);
    expect(gotStored).toBe(reaches);
  });

  it('a comment and a like reach the owner, who always sees their own post; the ex-friend cannot like the friends-only post', async () => {
    const { socket, live } = await listen(owner);
    await people.friend.api.post(`/posts/${posts.friends}/comments`, { text: 'for the owner' });
    expect((await people.friend.api.put(`/posts/${posts.friends}/like`)).status).toBe(200);
    expect((await people.exFriend.api.put(`/posts/${posts.friends}/like`)).status).toBe(404);
    await settle(socket);
    const kinds = (await stored(owner)).filter((n) => n.subject.id === posts.friends).map((n) => n.kind);
    expect(kinds).toContain('comment');
    expect(kinds).toContain('like');
    expect(live.some((n) => n.kind === 'like' && n.subject.id === posts.friends)).toBe(true);
  });
});
