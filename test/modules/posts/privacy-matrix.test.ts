/**
 * The privacy matrix: every read path (GET post, space list, feed, comments, watch) for every
 * privacy level and every kind of viewer. Any leak fails.
 */
import { describe, expect, it } from 'vitest';
import type { Privacy } from '../../../shared/dto.js';
import { apiClient, connectSocket, emitAck, engines, makeFriends, registerUser, useTestHub, type ApiClient } from '../../helpers/index.js';
import { allPages, shuoshuo } from './post-fixtures.js';

type Who = 'owner' | 'friend' | 'stranger' | 'anonymous';

// Group-limited posts and exceptions have their own matrix (test/modules/groups/circle-privacy.test.ts).
const allowed: Record<Exclude<Privacy, 'groups'>, readonly Who[]> = {
  public: ['owner', 'friend', 'stranger', 'anonymous'],
  friends: ['owner', 'friend'],
  private: ['owner'],
};

describe.each(engines)('post privacy on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('each viewer sees exactly what the privacy allows, on every read path', async () => {
    const owner = await registerUser(hub, 'owner');
    const friend = await registerUser(hub, 'friend');
    const stranger = await registerUser(hub, 'stranger');
    await makeFriends(owner, friend);
    const viewers: Record<Who, { api: ApiClient; token?: string }> = {
      owner,
      friend,
      stranger,
      anonymous: { api: apiClient(hub.url) },
    };
    const posts = {} as Record<Privacy, string>;
    for (const privacy of ['public', 'friends', 'private'] as const) {
      posts[privacy] = (await shuoshuo(owner, privacy, `secret ${privacy} text`)).id;
      const c = await owner.api.post(`/posts/${posts[privacy]}/comments`, { text: `comment on ${privacy}` });
      expect(c.status).toBe(201);
    }

    for (const who of ['owner', 'friend', 'stranger', 'anonymous'] as const) {
      const { api, token } = viewers[who];
      const spaceList = await allPages({ api }, `/spaces/${owner.handle}/posts`);
      const feed = who === 'anonymous' ? [] : await allPages({ api }, '/feed');
      const socket = token ? await connectSocket(hub, token) : undefined;
      for (const privacy of ['public', 'friends', 'private'] as const) {
        const id = posts[privacy];
        const may = allowed[privacy].includes(who);
        const label = `${who} × ${privacy}`;

        const read = await api.get(`/posts/${id}`);
        expect(read.status, label).toBe(may ? 200 : 404);
        if (!may) {
          expect(read.body.error.code, label).toBe('not_found');
          expect(JSON.stringify(read.body), label).not.toContain('secret');
        }

        expect(spaceList.includes(id), `${label}: space list`).toBe(may);
        // Only signed-in owner and friends have the post in a feed; strangers never do, even public.
        expect(feed.includes(id), `${label}: feed`).toBe(may && who !== 'anonymous' && who !== 'stranger');

        const comments = await api.get(`/posts/${id}/comments`);
        expect(comments.status, `${label}: comments`).toBe(may ? 200 : 404);
        expect(JSON.stringify(comments.body).includes(`comment on ${privacy}`), `${label}: comments`).toBe(may);

        if (socket) {
          const ack = await emitAck(socket, 'post:watch', { postId: id });
          expect(ack.ok, `${label}: watch`).toBe(may);
          if (!ack.ok) expect(ack.error.code).toBe('not_found');
        }

        if (who !== 'anonymous' && who !== 'owner') {
          expect((await api.put(`/posts/${id}/like`)).status, `${label}: like`).toBe(may ? 200 : 404);
          const comment = await api.post(`/posts/${id}/comments`, { text: 'hi' });
          expect(comment.status, `${label}: comment`).toBe(may ? 201 : 404);
        }
      }
    }
  });

  it('an unknown or malformed post id answers the same as a hidden one', async () => {
    const user = await registerUser(hub, 'user');
    expect((await user.api.get(`/posts/${'0'.repeat(24)}`)).status).toBe(404);
    expect((await user.api.get('/posts/not-an-id')).status).toBe(400);
    const socket = await connectSocket(hub, user.token);
    expect(await emitAck(socket, 'post:watch', { postId: '0'.repeat(24) })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await emitAck(socket, 'post:watch', { postId: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});
