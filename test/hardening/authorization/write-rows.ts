/**
 * Rows of the authorization matrix for writes: acting on what one may not see answers like a
 * missing id; acting on someone else's visible item answers 403 where the contract says so; nothing
 * changes either way.
 */
import { expect } from 'vitest';
import { noisePng, uploadPhoto } from '../../fixtures/images.js';
import { apiClient } from '../../helpers/index.js';
import {
  call,
  expectHidden,
  holdWord,
  mayView,
  missingId,
  ok,
  postStates,
  privacies,
  roles,
  signedIn,
  type Cast,
  type Role,
} from '../helpers/cast.js';
import type { MatrixRow } from './read-rows.js';

const others = (...except: Role[]) => signedIn.filter((r) => r !== 'owner' && !except.includes(r));

async function freshPost(c: Cast, privacy = 'public', text = 'a fresh post'): Promise<string> {
  return (await ok(c.owner.api.post('/posts', { kind: 'shuoshuo', text, privacy }), text.includes(holdWord) ? 202 : 201)).post.id;
}

export const writeRows: readonly MatrixRow[] = [
  {
    covers: ['get /health', 'get /config', 'get /livez', 'get /readyz', 'get /openapi.json', 'post /auth/register', 'post /auth/login'],
    name: 'open endpoints answer without an account',
    async run(c, hub) {
      const anon = apiClient(hub.url);
      await ok(anon.get('/health'), 200);
      await ok(anon.get('/config'), 200);
      await ok(anon.get('/livez'), 200);
      await ok(anon.get('/readyz'), 200);
      await ok(anon.get('/openapi.json'), 200);
      await ok(anon.post('/auth/login', { handle: c.owner.handle, password: 'correct horse battery' }), 200);
      await ok(anon.post('/auth/login', { handle: c.owner.handle, password: 'wrong horse battery' }), 401);
      await ok(anon.post('/auth/register', { handle: c.owner.handle, password: 'correct horse battery', displayName: 'x' }), 409);
    },
  },
  {
    covers: [],
    name: 'every endpoint that needs an account answers 401 without one',
    async run(_c, hub) {
      const anon = apiClient(hub.url);
      for (const route of hub.routes.filter((r) => r.auth)) {
        const res = await call(anon, route.method, route.path.replace(/:[a-zA-Z]+/g, missingId));
        expect(res.status, `${route.method} ${route.path}`).toBe(401);
        expect(res.body.error.code).toBe('unauthorized');
      }
    },
  },
  {
    covers: ['post /posts/:id/comments', 'put /posts/:id/like', 'delete /posts/:id/like'],
    name: 'commenting on or liking a post one cannot see answers like a missing post',
    async run(c) {
      for (const state of postStates) {
        const id = c.posts[state];
        for (const role of signedIn) {
          const { api } = c.actors[role];
          const label = `${role} × ${state}`;
          if (!mayView[state].includes(role)) {
            await expectHidden(api, 'post', `/posts/${id}/comments`, id, { text: 'let me in' }, label);
            await expectHidden(api, 'put', `/posts/${id}/like`, id, undefined, label);
            await expectHidden(api, 'delete', `/posts/${id}/like`, id, undefined, label);
          } else if (state !== 'held' && state !== 'review') {
            await ok(api.post(`/posts/${id}/comments`, { text: `${role} was here` }), 201, label);
            expect((await ok(api.put(`/posts/${id}/like`), 200, label)).liked).toBe(true);
            expect((await ok(api.delete(`/posts/${id}/like`), 200, label)).liked).toBe(false);
          }
        }
        const after = await ok(c.owner.api.get(`/posts/${id}`), 200);
        expect(after.post.counts.likes, state).toBe(0);
      }
    },
  },
  {
    covers: ['delete /posts/:id', 'post /posts'],
    name: 'deleting someone else’s post: 403 when visible, like a missing one when not; author and moderator may',
    async run(c) {
      for (const state of postStates) {
        const id = c.posts[state];
        for (const role of others('moderator')) {
          const label = `${role} × ${state}`;
          if (mayView[state].includes(role)) {
            const res = await c.actors[role].api.delete(`/posts/${id}`);
            expect(res.status, label).toBe(403);
            expect(res.body.error.code).toBe('forbidden');
          } else {
            await expectHidden(c.actors[role].api, 'delete', `/posts/${id}`, id, undefined, label);
          }
        }
        await ok(c.owner.api.get(`/posts/${id}`), 200, `${state} survives`);
      }
      await ok(c.owner.api.delete(`/posts/${await freshPost(c, 'private')}`), 204, 'author');
      const held = await freshPost(c, 'friends', `to be removed ${holdWord}`);
      await ok(c.moderator.api.delete(`/posts/${held}`), 204, 'moderator');
      await ok(c.owner.api.get(`/posts/${held}`), 404);
    },
  },
  {
    covers: ['delete /posts/:id/comments/:commentId'],
    name: 'deleting comments: hidden ones answer like missing, visible ones of others 403',
    async run(c) {
      const pub = c.posts.public;
      for (const role of ['exFriend', 'stranger'] as const) {
        const { api } = c.actors[role];
        const res = await api.delete(`/posts/${pub}/comments/${c.friendComment}`);
        expect(res.status, role).toBe(403);
        await expectHidden(api, 'delete', `/posts/${pub}/comments/${c.heldComment}`, c.heldComment, undefined, `${role} held comment`);
        await expectHidden(
          api,
          'delete',
          `/posts/${pub}/comments/${c.reviewComment}`,
          c.reviewComment,
          undefined,
          `${role} review comment`,
        );
        await expectHidden(
          api,
          'delete',
          `/posts/${c.posts.friends}/comments/${c.ownerComments.friends}`,
          c.posts.friends,
          undefined,
          `${role} friends post`,
        );
      }
      const ids = (await ok(c.friend.api.get(`/posts/${pub}/comments`), 200)).comments.map((x: { id: string }) => x.id);
      expect(ids).toEqual(expect.arrayContaining([c.friendComment, c.heldComment, c.reviewComment]));
      const mine = (await ok(c.stranger.api.post(`/posts/${pub}/comments`, { text: 'remove me' }), 201)).comment.id;
      await ok(c.moderator.api.delete(`/posts/${pub}/comments/${mine}`), 204, 'moderator');
    },
  },
  {
    covers: [
      'post /friends/requests',
      'post /friends/requests/:id/accept',
      'post /friends/requests/:id/decline',
      'delete /friends/:handle',
    ],
    name: 'only its recipient answers a friend request; one cannot unfriend a non-friend',
    async run(c) {
      for (const role of ['friend', 'exFriend', 'stranger', 'moderator'] as const) {
        const { api } = c.actors[role];
        await expectHidden(api, 'post', `/friends/requests/${c.friendRequest}/accept`, c.friendRequest, undefined, role);
        await expectHidden(api, 'post', `/friends/requests/${c.friendRequest}/decline`, c.friendRequest, undefined, role);
      }
      expect(JSON.stringify(await ok(c.owner.api.get('/friends/requests'), 200))).toContain(c.friendRequest);
      for (const role of ['exFriend', 'stranger'] as const) {
        const res = await c.actors[role].api.delete(`/friends/${c.owner.handle}`);
        expect(res.status, role).toBe(404);
      }
      const friends = (await ok(c.owner.api.get('/friends'), 200)).friends.map((u: { id: string }) => u.id);
      expect(friends).toEqual([c.friend.id]);
    },
  },
  {
    covers: ['post /invites', 'post /invites/:id/accept', 'post /invites/:id/decline', 'post /invites/:id/cancel'],
    name: 'invites: friends only; someone else’s invite answers like a missing one; the wrong player 403',
    async run(c) {
      for (const role of ['exFriend', 'stranger', 'moderator'] as const) {
        const { api } = c.actors[role];
        const res = await api.post('/invites', { to: c.owner.handle, game: 'gomoku' });
        expect(res.status, `${role} invites the owner`).toBe(403);
        for (const act of ['accept', 'decline', 'cancel']) {
          await expectHidden(api, 'post', `/invites/${c.invite}/${act}`, c.invite, undefined, `${role} ${act}`);
        }
      }
      expect((await c.owner.api.post(`/invites/${c.invite}/accept`)).status, 'inviter accepts').toBe(403);
      expect((await c.friend.api.post(`/invites/${c.invite}/cancel`)).status, 'invitee cancels').toBe(403);
      expect((await ok(c.owner.api.get(`/invites/${c.invite}`), 200)).invite.status).toBe('pending');
    },
  },
  {
    covers: ['patch /spaces/me', 'post /spaces/me/modules/restore'],
    name: 'each user edits only their own space',
    async run(c) {
      const before = (await ok(c.owner.api.get(`/spaces/${c.owner.handle}`), 200)).space;
      for (const role of others()) {
        await ok(c.actors[role].api.patch('/spaces/me', { title: `${role} took over` }), 200, role);
        await ok(c.actors[role].api.post('/spaces/me/modules/restore'), 200, role);
        expect((await c.actors[role].api.patch(`/spaces/${c.owner.handle}`, { title: 'x' })).status, 'no such route').toBe(404);
      }
      expect((await ok(c.owner.api.get(`/spaces/${c.owner.handle}`), 200)).space).toEqual(before);
    },
  },
  {
    covers: ['post /spaces/:handle/guestbook', 'delete /spaces/:handle/guestbook/:id'],
    name: 'guestbook entries are deleted by their author or the owner only; a private one is hidden from others',
    async run(c) {
      const path = (id: string) => `/spaces/${c.owner.handle}/guestbook/${id}`;
      for (const role of ['friend', 'exFriend', 'moderator'] as const) {
        const { api } = c.actors[role];
        await expectHidden(api, 'delete', path(c.guestbook.privateEntry), c.guestbook.privateEntry, undefined, role);
        expect((await api.delete(path(c.guestbook.publicEntry))).status, role).toBe(403);
      }
      const entries = (await ok(c.owner.api.get(`/spaces/${c.owner.handle}/guestbook`), 200)).entries.map((e: { id: string }) => e.id);
      expect(entries).toEqual(expect.arrayContaining([c.guestbook.publicEntry, c.guestbook.privateEntry]));
      const mine = (await ok(c.friend.api.post(`/spaces/${c.owner.handle}/guestbook`, { text: 'temporary' }), 201)).entry.id;
      await ok(c.owner.api.delete(path(mine)), 204, 'owner removes an entry in their space');
    },
  },
  {
    covers: [
      'post /moderation/rules',
      'delete /moderation/rules/:id',
      'post /moderation/queue/:postId/approve',
      'post /moderation/queue/:postId/reject',
      'post /moderation/posts/:postId/unpublish',
      'post /users/:handle/tier',
      'post /spaces/:handle/certify',
    ],
    name: 'moderation writes: 403 for everyone but moderators, and nothing changes',
    async run(c) {
      const held = await freshPost(c, 'public', `wait for me ${holdWord}`);
      const attempts: Array<[string, string, unknown]> = [
        ['post', '/moderation/rules', { pattern: 'harmless', action: 'block' }],
        ['delete', `/moderation/rules/${missingId}`, undefined],
        ['post', `/moderation/queue/${held}/approve`, {}],
        ['post', `/moderation/queue/${held}/reject`, {}],
        ['post', `/moderation/posts/${c.posts.public}/unpublish`, {}],
        ['post', `/users/${c.owner.handle}/tier`, { tier: 'yellow' }],
        ['post', `/spaces/${c.owner.handle}/certify`, { certified: true }],
      ];
      for (const role of others('moderator').concat('owner')) {
        for (const [method, path, body] of attempts) {
          const res = await call(c.actors[role].api, method, path, body);
          expect(res.status, `${role} ${method} ${path}`).toBe(403);
          expect(res.body.error.code).toBe('forbidden');
        }
      }
      await ok(c.stranger.api.get(`/posts/${held}`), 404, 'still held');
      expect((await ok(c.owner.api.get('/me'), 200)).user.tier).toBe('basic');
      expect((await ok(c.owner.api.get(`/spaces/${c.owner.handle}`), 200)).space.certified).toBe(false);
      await ok(c.owner.api.get(`/posts/${c.posts.public}`), 200, 'not unpublished');
      await ok(c.moderator.api.post(`/moderation/queue/${held}/approve`), 200, 'moderator approves');
      await ok(c.stranger.api.get(`/posts/${held}`), 200, 'published');
    },
  },
  {
    covers: ['post /albums', 'delete /albums/:id', 'delete /photos/:id', 'patch /photos/:id', 'post /albums/:id/photos'],
    name: 'albums and photos: anyone but the owner gets not_found on delete, caption and upload, even a visible album',
    async run(c, hub) {
      const png = await noisePng(8, 8, 99);
      for (const privacy of privacies) {
        const album = c.albums[privacy];
        const photo = c.photos[privacy].id;
        for (const role of others()) {
          const { api, user } = c.actors[role];
          await expectHidden(api, 'delete', `/albums/${album}`, album, undefined, `${role} × ${privacy}`);
          await expectHidden(api, 'delete', `/photos/${photo}`, photo, undefined, `${role} × ${privacy}`);
          await expectHidden(api, 'patch', `/photos/${photo}`, photo, { caption: `${role} was here` }, `${role} captions ${privacy}`);
          const [up, upMissing] = await Promise.all([
            uploadPhoto(hub.url, user!.token, album, png),
            uploadPhoto(hub.url, user!.token, missingId, png),
          ]);
          expect(up.status, `${role} uploads to ${privacy}`).toBe(404);
          expect(up.body).toEqual(upMissing.body);
        }
        const photos = (await ok(c.owner.api.get(`/albums/${album}/photos`), 200)).photos;
        expect(photos.map((p: { id: string }) => p.id)).toEqual([photo]);
        expect(photos[0].caption ?? '', 'no one else captioned it').not.toContain('was here');
      }
      expect((await uploadPhoto(hub.url, undefined, c.albums.public, png)).status).toBe(401);
    },
  },
  {
    covers: ['post /notifications/read', 'put /notifications/settings'],
    name: 'marking read and muting touch one’s own notifications only',
    async run(c) {
      const { unread } = await ok(c.owner.api.get('/notifications'), 200);
      expect(unread).toBeGreaterThan(0);
      const settings = await ok(c.owner.api.get('/notifications/settings'), 200);
      for (const role of others()) {
        await ok(c.actors[role].api.post('/notifications/read', { upTo: 1_000_000 }), 200, role);
        await ok(c.actors[role].api.put('/notifications/settings', { muted: ['comment', 'like'] }), 200, role);
      }
      expect((await ok(c.owner.api.get('/notifications'), 200)).unread).toBe(unread);
      expect(await ok(c.owner.api.get('/notifications/settings'), 200)).toEqual(settings);
    },
  },
  {
    covers: ['put /spaces/:handle/fan', 'delete /spaces/:handle/fan'],
    name: 'fans: an account is needed; only certified spaces have fans',
    async run(c) {
      for (const role of roles) {
        const res = await c.actors[role].api.put(`/spaces/${c.stranger.handle}/fan`);
        expect(res.status, role).toBe(role === 'anonymous' ? 401 : role === 'stranger' ? 400 : 409);
        expect((await c.actors[role].api.delete(`/spaces/${c.stranger.handle}/fan`)).status, role).toBeLessThan(
          role === 'anonymous' ? 402 : 500,
        );
      }
    },
  },
  {
    covers: ['put /albums/shuoshuo'],
    name: 'the shuoshuo album is always the caller’s own: asking twice gives the same album, never someone else’s',
    async run(c) {
      const ownerAlbum = (await ok(c.owner.api.put('/albums/shuoshuo'), 200)).album;
      expect((await ok(c.owner.api.put('/albums/shuoshuo'), 200)).album.id).toBe(ownerAlbum.id);
      for (const role of others()) {
        const album = (await ok(c.actors[role].api.put('/albums/shuoshuo'), 200, role)).album;
        expect(album.id, role).not.toBe(ownerAlbum.id);
        expect(album.owner.id, role).toBe(c.actors[role].user!.id);
      }
    },
  },
  {
    covers: ['post /matches/:id/resign'],
    name: 'only a player resigns: anyone else gets not_found, and the match goes on',
    async run(c) {
      for (const role of ['exFriend', 'stranger', 'moderator'] as const) {
        await expectHidden(c.actors[role].api, 'post', `/matches/${c.match}/resign`, c.match, undefined, role);
      }
      expect((await ok(c.owner.api.get(`/matches/${c.match}`), 200)).match.status).toBe('active');
    },
  },
];
