/**
 * Rows of the authorization matrix for the v1.1 social endpoints: one's own account (profile,
 * password, sign-out, deletion), blocks, search and suggestions, reports, the comment queue and
 * reposts. Rows that end sessions or delete accounts use fresh users, never the shared cast.
 */
import { expect } from 'vitest';
import { apiClient, registerUser } from '../../helpers/index.js';
import { ok } from '../helpers/cast.js';
import { noisePng, uploadAvatar } from '../../fixtures/images.js';
import type { MatrixRow } from './read-rows.js';

const password = 'correct horse battery';

export const socialRows: readonly MatrixRow[] = [
  {
    covers: ['patch /me'],
    name: 'a profile is edited by its owner alone; an avatar must be one of the caller’s own photos',
    async run(c) {
      for (const role of ['friend', 'exFriend', 'moderator'] as const) {
        const res = await c.actors[role].api.patch('/me', { avatar: c.photos.private.id });
        expect(res.status, `${role}: someone else's photo`).toBe(400);
        expect(res.body.error.code).toBe('invalid');
      }
      const me = await ok(c.owner.api.patch('/me', { bio: 'hello there', avatar: c.photos.private.id }), 200);
      expect(me.user.bio).toBe('hello there');
      expect(me.user.avatarUrl).toMatch(/^\/avatars\/[0-9a-f]+-64\.webp$/);
      const seen = await ok(c.stranger.api.get(`/spaces/${c.owner.handle}`), 200);
      expect(seen.space.owner.avatarUrl).toBe(me.user.avatarUrl);
      expect(seen.space.owner.bio).toBe('hello there');
      await ok(c.owner.api.patch('/me', { avatar: null, bio: '' }), 200);
    },
  },
  {
    covers: ['post /me/avatar'],
    name: 'an uploaded avatar becomes the caller’s own alone; a stranger to the hub cannot upload; a non-image is refused',
    async run(c, hub) {
      const user = await registerUser(hub, 'avataronly');
      const png = await noisePng(40, 30, 7);
      expect((await uploadAvatar(hub.url, undefined, png)).status).toBe(401);
      const bad = await uploadAvatar(hub.url, user.token, Buffer.from('not an image at all'), 'image/png');
      expect(bad.status).toBe(415);
      const up = await uploadAvatar(hub.url, user.token, png);
      expect(up.status).toBe(200);
      expect(up.body.user.id).toBe(user.id);
      expect(up.body.user.avatarUrl).toMatch(/^\/avatars\/[0-9a-f]+-64\.webp$/);
      const owner = await ok(c.stranger.api.get(`/spaces/${c.owner.handle}`), 200);
      expect(owner.space.owner.avatarUrl).not.toBe(up.body.user.avatarUrl);
      const seen = await ok(c.stranger.api.get(`/spaces/${user.handle}`), 200);
      expect(seen.space.owner.avatarUrl).toBe(up.body.user.avatarUrl);
    },
  },
  {
    covers: ['post /auth/password', 'post /auth/logout', 'delete /me'],
    name: 'password change, sign-out and deletion act on the caller’s own account only, with its password',
    async run(_c, hub) {
      const user = await registerUser(hub, 'selfonly');
      const other = await registerUser(hub, 'bystander');
      await ok(other.api.post('/auth/password', { current: password, next: 'x'.repeat(7) }), 400);
      await ok(other.api.post('/auth/password', { current: 'not it at all', next: 'another secret' }), 401);
      await ok(other.api.delete('/me', { password: 'not it at all' }), 401);
      await ok(other.api.get('/me'), 200);
      await ok(user.api.post('/auth/logout'), 204);
      await ok(user.api.get('/me'), 401);
      await ok(user.api.post('/auth/logout'), 401);
      await ok(other.api.get('/me'), 200);
      const again = (await ok(apiClient(hub.url).post('/auth/login', { handle: user.handle, password }), 200)).token as string;
      await ok(apiClient(hub.url, again).delete('/me', { password }), 204);
      await ok(apiClient(hub.url, again).get('/me'), 401);
      await ok(other.api.get('/me'), 200);
    },
  },
  {
    covers: ['put /blocks/:handle', 'delete /blocks/:handle', 'get /blocks'],
    name: 'a block list is its owner’s alone; blocking hides the blocker’s items from the blocked like missing ones',
    async run(c, hub) {
      const blocker = await registerUser(hub, 'blocker');
      const post = (await ok(blocker.api.post('/posts', { kind: 'shuoshuo', text: 'not for you', privacy: 'public' }), 201)).post.id;
      await ok(blocker.api.put(`/blocks/${c.stranger.handle}`), 204);
      for (const role of ['owner', 'friend', 'moderator'] as const) {
        expect((await ok(c.actors[role].api.get('/blocks'), 200)).users, role).toEqual([]);
        await ok(c.actors[role].api.get(`/posts/${post}`), 200, role);
      }
      expect((await ok(blocker.api.get('/blocks'), 200)).users.map((u: { id: string }) => u.id)).toEqual([c.stranger.id]);
      await ok(c.stranger.api.get(`/posts/${post}`), 404, 'blocked');
      await ok(c.stranger.api.get(`/spaces/${blocker.handle}`), 404, 'blocked');
      await ok(c.stranger.api.put(`/posts/${post}/like`), 404, 'blocked');
      // Someone else's unblock changes nothing.
      await ok(c.owner.api.delete(`/blocks/${c.stranger.handle}`), 204);
      await ok(c.stranger.api.get(`/posts/${post}`), 404, 'still blocked');
      await ok(blocker.api.delete(`/blocks/${c.stranger.handle}`), 204);
      await ok(c.stranger.api.get(`/posts/${post}`), 200, 'unblocked');
    },
  },
  {
    covers: ['get /users', 'get /friends/suggestions'],
    name: 'search and suggestions need an account and never show someone who blocks the caller',
    async run(c, hub) {
      const blocker = await registerUser(hub, 'hider');
      await ok(blocker.api.put(`/blocks/${c.stranger.handle}`), 204);
      for (const role of ['owner', 'friend', 'exFriend', 'stranger', 'moderator'] as const) {
        const users = (await ok(c.actors[role].api.get(`/users?q=${blocker.handle}`), 200, role)).users.map((u: { id: string }) => u.id);
        expect(users.includes(blocker.id), role).toBe(role !== 'stranger');
        await ok(c.actors[role].api.get('/friends/suggestions'), 200, role);
      }
      const own = (await ok(c.owner.api.get('/friends/suggestions'), 200)).suggestions;
      expect(own.map((s: { user: { id: string } }) => s.user.id)).not.toContain(c.friend.id);
    },
  },
  {
    covers: ['post /moderation/queue/comments/:id/approve', 'post /moderation/queue/comments/:id/reject'],
    name: 'held comments are approved or rejected by moderators alone; a missing one answers like missing',
    async run(c) {
      for (const role of ['owner', 'friend', 'exFriend', 'stranger'] as const) {
        for (const act of ['approve', 'reject']) {
          const res = await c.actors[role].api.post(`/moderation/queue/comments/${c.heldComment}/${act}`);
          expect(res.status, `${role} ${act}`).toBe(403);
        }
      }
      const queue = await ok(c.moderator.api.get('/moderation/queue'), 200);
      expect(queue.comments.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([c.heldComment, c.reviewComment]));
      await ok(c.moderator.api.post('/moderation/queue/comments/ffffffffffffffffffffffff/approve'), 404);
      await ok(c.moderator.api.post(`/moderation/queue/comments/${c.friendComment}/reject`), 404, 'a published comment is not queued');
    },
  },
  {
    covers: ['post /reports', 'get /moderation/reports', 'post /moderation/reports/:id/resolve'],
    name: 'reports: only what the reporter may see; listing and resolving for moderators alone',
    async run(c) {
      for (const role of ['exFriend', 'stranger'] as const) {
        const res = await c.actors[role].api.post('/reports', { subject: { kind: 'post', id: c.posts.friends }, reason: 'peek' });
        expect(res.status, `${role} reports a post hidden from them`).toBe(404);
        await ok(c.actors[role].api.post('/reports', { subject: { kind: 'comment', id: c.heldComment }, reason: 'peek' }), 404, role);
        await ok(
          c.actors[role].api.post('/reports', { subject: { kind: 'guestbook', id: c.guestbook.privateEntry }, reason: 'peek' }),
          role === 'stranger' ? 201 : 404,
          role,
        );
      }
      const report = (await ok(c.friend.api.post('/reports', { subject: { kind: 'post', id: c.posts.friends }, reason: 'matrix' }), 201))
        .report;
      for (const role of ['owner', 'friend', 'exFriend', 'stranger'] as const) {
        await ok(c.actors[role].api.get('/moderation/reports'), 403, role);
        await ok(c.actors[role].api.post(`/moderation/reports/${report.id}/resolve`, { action: 'remove' }), 403, role);
      }
      await ok(c.owner.api.get(`/posts/${c.posts.friends}`), 200, 'untouched');
      await ok(c.moderator.api.post(`/moderation/reports/${report.id}/resolve`, { action: 'dismiss' }), 200);
      await ok(c.moderator.api.post('/moderation/reports/ffffffffffffffffffffffff/resolve', { action: 'dismiss' }), 404);
    },
  },
  {
    covers: ['post /posts/:id/repost'],
    name: 'reposting a post one may not see answers like a missing post; the original never leaks through a repost',
    async run(c) {
      for (const state of ['friends', 'private', 'held', 'review'] as const) {
        for (const role of ['exFriend', 'stranger', 'moderator'] as const) {
          const res = await c.actors[role].api.post(`/posts/${c.posts[state]}/repost`, { privacy: 'public' });
          expect(res.status, `${role} × ${state}`).toBe(404);
        }
      }
      const repost = (await ok(c.friend.api.post(`/posts/${c.posts.friends}/repost`, { privacy: 'public' }), 201)).post.id;
      for (const role of ['exFriend', 'stranger', 'moderator'] as const) {
        const seen = (await ok(c.actors[role].api.get(`/posts/${repost}`), 200, role)).post;
        expect(seen.repostOf, role).toBeNull();
      }
      const anon = (await ok(c.actors.anonymous.api.get(`/posts/${repost}`), 200)).post;
      expect(anon.repostOf).toBeNull();
      expect((await ok(c.owner.api.get(`/posts/${repost}`), 200)).post.repostOf.id).toBe(c.posts.friends);
      await ok(c.friend.api.delete(`/posts/${repost}`), 204);
    },
  },
];
