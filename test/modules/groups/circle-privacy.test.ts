/**
 * Group-limited posts and friends posts with exceptions (不给谁看), on every read path and every
 * push, for every kind of viewer (circle-fixtures.ts), on both engines: the GET of a post, a space's
 * list, the feed, comments, likes and commenting, watching, the live `feed:post`, reposts, mentions
 * and albums. Membership changes apply from the next read.
 */
import { describe, expect, it } from 'vitest';
import { connectSocket, emitAck, engines, expectNoEvent, nextEvent, useTestHub, type TestSocket } from '../../helpers/index.js';
import { allPages } from '../posts/post-fixtures.js';
import {
  audienceBody,
  buildCircle,
  circlePost,
  mayView,
  viewers,
  type Circle,
  type CircleAudience,
  type CircleViewer,
} from './circle-fixtures.js';

const audiences = ['groups', 'except', 'friends'] as const satisfies readonly CircleAudience[];

async function socketsOf(hub: { realtimeUrl: string }, circle: Circle): Promise<Partial<Record<CircleViewer, TestSocket>>> {
  const entries = await Promise.all(
    Object.entries(circle.people).map(async ([who, u]) => [who, await connectSocket(hub, u.token)] as const),
  );
  return Object.fromEntries(entries);
}

describe.each(engines)('circle privacy on %s', (engine) => {
  const hub = useTestHub({ engine });
  let circle: Circle;

  it('each viewer sees a limited post exactly as its audience allows, on every read path and live', async () => {
    circle = await buildCircle(hub);
    const sockets = await socketsOf(hub, circle);
    const posts = {} as Record<CircleAudience, string>;
    for (const audience of audiences) {
      posts[audience] = (await circlePost(circle, audience, `secret ${audience} words`)).id;
      expect((await circle.people.author.api.post(`/posts/${posts[audience]}/comments`, { text: `said on ${audience}` })).status).toBe(201);
    }

    for (const who of viewers) {
      const api = circle.apis[who];
      // The blocked one is told the author's space does not exist at all (hidden-from-blocked.ts).
      const spaceList = who === 'blocked' ? [] : await allPages({ api }, `/spaces/${circle.people.author.handle}/posts`);
      if (who === 'blocked') expect((await api.get(`/spaces/${circle.people.author.handle}/posts`)).status).toBe(404);
      const feed = who === 'anonymous' ? [] : await allPages({ api }, '/feed');
      const socket = sockets[who];
      for (const audience of audiences) {
        const id = posts[audience];
        const may = mayView[audience].includes(who);
        const label = `${who} × ${audience}`;
        const read = await api.get(`/posts/${id}`);
        expect(read.status, label).toBe(may ? 200 : 404);
        if (!may) expect(JSON.stringify(read.body), label).not.toContain('secret');
        expect(spaceList.includes(id), `${label}: space list`).toBe(may);
        expect(feed.includes(id), `${label}: feed`).toBe(may && who !== 'anonymous');
        const comments = await api.get(`/posts/${id}/comments`);
        expect(comments.status, `${label}: comments`).toBe(may ? 200 : 404);
        expect(JSON.stringify(comments.body).includes(`said on ${audience}`), `${label}: comments`).toBe(may);
        if (socket) {
          const ack = await emitAck(socket, 'post:watch', { postId: id });
          expect(ack.ok, `${label}: watch`).toBe(may);
          if (may) await nextEvent(socket, 'feed:post', (p) => p.post.id === id);
          else await expectNoEvent(socket, 'feed:post', (p) => p.post.id === id);
        }
        if (who !== 'anonymous' && who !== 'author') {
          expect((await api.put(`/posts/${id}/like`)).status, `${label}: like`).toBe(may ? 200 : 404);
          expect((await api.post(`/posts/${id}/comments`, { text: 'hi' })).status, `${label}: comment`).toBe(may ? 201 : 404);
        }
      }
    }
  }, 120_000);

  it('a repost never widens the original, and a mention notifies only who may see the post', async () => {
    const { people, apis } = circle;
    const [memberSocket, outsiderSocket] = await Promise.all([
      connectSocket(hub, people.member.token),
      connectSocket(hub, people.outsider.token),
    ]);
    const mentionedMember = nextEvent(memberSocket, 'notification', (n) => n.notification.kind === 'mention');
    const original = await circlePost(circle, 'groups', `hidden news for @${people.member.handle} and @${people.outsider.handle}`);
    await mentionedMember;
    await expectNoEvent(outsiderSocket, 'notification', (n) => n.notification.kind === 'mention');

    const repost = await apis.member.post(`/posts/${original.id}/repost`, { text: 'look', privacy: 'public' });
    expect(repost.status, JSON.stringify(repost.body)).toBe(201);
    for (const who of ['outsider', 'stranger', 'anonymous'] as const) {
      const seen = await apis[who].get(`/posts/${repost.body.post.id}`);
      expect(seen.status, who).toBe(200);
      expect(seen.body.post.repostOf, who).toBeNull();
      expect(JSON.stringify(seen.body), who).not.toContain('hidden news');
    }
    expect((await apis.author.get(`/posts/${repost.body.post.id}`)).body.post.repostOf.id).toBe(original.id);
    // The outsider may not repost what they cannot see.
    expect((await apis.outsider.post(`/posts/${original.id}/repost`, { privacy: 'public' })).status).toBe(404);
  });

  it('taking a member out of the group hides its posts from their next read and stops its pushes', async () => {
    const { people, apis, group } = circle;
    const post = await circlePost(circle, 'groups', 'for the family only');
    const memberSocket = await connectSocket(hub, people.member.token);
    expect(await emitAck(memberSocket, 'post:watch', { postId: post.id })).toEqual({ ok: true });
    expect((await apis.author.patch(`/groups/${group.id}`, { members: [] })).status).toBe(200);
    expect((await apis.member.get(`/posts/${post.id}`)).status).toBe(404);
    expect(await allPages({ api: apis.member }, '/feed')).not.toContain(post.id);
    await apis.author.post(`/posts/${post.id}/comments`, { text: 'after you left' });
    await expectNoEvent(memberSocket, 'post:comment');
    const next = await circlePost(circle, 'groups', 'later family news');
    await expectNoEvent(memberSocket, 'feed:post', (p) => p.post.id === next.id);

    expect((await apis.author.patch(`/groups/${group.id}`, { members: [people.member.handle] })).status).toBe(200);
    expect((await apis.member.get(`/posts/${post.id}`)).status).toBe(200);
    // Ending the friendship takes them out of every group of the other's.
    expect((await apis.member.delete(`/friends/${people.author.handle}`)).status).toBe(204);
    const groups = await apis.author.get('/groups');
    expect(groups.body.groups[0].members).toEqual([]);
    expect((await apis.member.get(`/posts/${post.id}`)).status).toBe(404);
  });

  it('albums: a limited album is listed, read and pushed live to its audience alone', async () => {
    circle = await buildCircle(hub);
    const sockets = await socketsOf(hub, circle);
    for (const audience of ['groups', 'except'] as const) {
      const made = await circle.people.author.api.post('/albums', { title: `album ${audience}`, ...audienceBody(circle, audience) });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const id = made.body.album.id as string;
      for (const who of viewers) {
        const may = mayView[audience].includes(who);
        const label = `${who} × ${audience} album`;
        expect((await circle.apis[who].get(`/albums/${id}`)).status, label).toBe(may ? 200 : 404);
        const list = await circle.apis[who].get(`/spaces/${circle.people.author.handle}/albums`);
        expect(list.status, label).toBe(who === 'blocked' ? 404 : 200);
        expect(
          (list.body.albums ?? []).some((a: { id: string }) => a.id === id),
          label,
        ).toBe(may);
        const socket = sockets[who];
        if (socket && may) await nextEvent(socket, 'space:album', (p) => p.album.id === id);
        else if (socket) await expectNoEvent(socket, 'space:album', (p) => p.album.id === id);
      }
    }
  }, 90_000);
});
