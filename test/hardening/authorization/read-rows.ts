/**
 * Rows of the authorization matrix for reads: every REST read × every privacy level and moderation
 * state × every viewer (owner, friend, ex-friend, stranger, anonymous, moderator).
 */
import { expect } from 'vitest';
import type { TestHub } from '../../helpers/index.js';
import { allPages } from '../../modules/posts/post-fixtures.js';
import { expectHidden, mayView, missingId, ok, postStates, privacies, roles, signedIn, type Cast, type Role } from '../helpers/cast.js';

export interface MatrixRow {
  /** `method path` strings of `hub.routes` this row exercises. */
  readonly covers: readonly string[];
  readonly name: string;
  run(c: Cast, hub: TestHub): Promise<void>;
}

const albumMay: Record<(typeof privacies)[number], readonly Role[]> = { public: roles, friends: ['owner', 'friend'], private: ['owner'] };

export const readRows: readonly MatrixRow[] = [
  {
    covers: ['get /posts/:id'],
    name: 'a post is readable exactly by those its privacy and moderation state allow',
    async run(c) {
      for (const state of postStates) {
        for (const role of roles) {
          const { api } = c.actors[role];
          const label = `${role} × ${state}`;
          if (mayView[state].includes(role)) {
            const body = await ok(api.get(`/posts/${c.posts[state]}`), 200, label);
            expect(body.post.id).toBe(c.posts[state]);
          } else {
            await expectHidden(api, 'get', `/posts/${c.posts[state]}`, c.posts[state], undefined, label);
          }
        }
      }
    },
  },
  {
    covers: ['get /spaces/:handle/posts', 'get /feed'],
    name: 'space lists and feeds hold exactly the posts each viewer may see',
    async run(c) {
      for (const role of roles) {
        const { api } = c.actors[role];
        const space = await allPages({ api }, `/spaces/${c.owner.handle}/posts`);
        const feed = role === 'anonymous' ? [] : await allPages({ api }, '/feed');
        for (const state of postStates) {
          const may = mayView[state].includes(role);
          expect(space.includes(c.posts[state]), `${role} × ${state}: space list`).toBe(may);
          // Feeds carry one's own and friends' posts only: a stranger or moderator never has them.
          expect(feed.includes(c.posts[state]), `${role} × ${state}: feed`).toBe(may && (role === 'owner' || role === 'friend'));
        }
      }
    },
  },
  {
    covers: ['get /posts/:id/comments'],
    name: 'comments: hidden with their post; held and in-review comments only to their author',
    async run(c) {
      for (const state of postStates) {
        for (const role of roles) {
          const { api } = c.actors[role];
          const label = `${role} × ${state}`;
          if (!mayView[state].includes(role)) {
            await expectHidden(api, 'get', `/posts/${c.posts[state]}/comments`, c.posts[state], undefined, label);
            continue;
          }
          const ids = (await ok(api.get(`/posts/${c.posts[state]}/comments`), 200, label)).comments.map((x: { id: string }) => x.id);
          expect(ids, label).toContain(c.ownerComments[state]);
          if (state !== 'public') continue;
          expect(ids.includes(c.friendComment), label).toBe(true);
          expect(ids.includes(c.heldComment), `${label}: held comment`).toBe(role === 'friend');
          expect(ids.includes(c.reviewComment), `${label}: review comment`).toBe(role === 'friend');
        }
      }
    },
  },
  {
    covers: ['get /spaces/:handle/albums', 'get /albums/:id', 'get /albums/:id/photos'],
    name: 'albums and their photo lists follow the album privacy',
    async run(c) {
      for (const role of roles) {
        const { api } = c.actors[role];
        const listed = (await ok(api.get(`/spaces/${c.owner.handle}/albums`), 200, role)).albums.map((a: { id: string }) => a.id);
        for (const privacy of privacies) {
          const label = `${role} × ${privacy} album`;
          const id = c.albums[privacy];
          const may = albumMay[privacy].includes(role);
          expect(listed.includes(id), `${label}: listed`).toBe(may);
          if (may) {
            await ok(api.get(`/albums/${id}`), 200, label);
            const photos = (await ok(api.get(`/albums/${id}/photos`), 200, label)).photos.map((p: { id: string }) => p.id);
            expect(photos, label).toEqual([c.photos[privacy].id]);
          } else {
            await expectHidden(api, 'get', `/albums/${id}`, id, undefined, label);
            await expectHidden(api, 'get', `/albums/${id}/photos`, id, undefined, label);
          }
        }
      }
    },
  },
  {
    covers: [],
    name: 'photo files: public ones openly; others only with their signed query, tampered = missing',
    async run(c, hub) {
      const get = (url: string) =>
        fetch(`${hub.url}${url}`).then(async (r) => ({ status: r.status, body: r.status === 200 ? null : await r.text() }));
      const missing = await get(`/photos/${missingId}`);
      expect(missing.status).toBe(404);
      for (const privacy of privacies) {
        const { id, url } = c.photos[privacy];
        expect((await get(url)).status, `${privacy}: url from the DTO`).toBe(200);
        const bare = await get(`/photos/${id}`);
        const thumb = await get(`/photos/${id}/thumb`);
        if (privacy === 'public') {
          expect(bare.status).toBe(200);
          expect(thumb.status).toBe(200);
          continue;
        }
        expect(url, privacy).toContain('sig=');
        expect(bare, `${privacy}: without the signature`).toEqual(missing);
        expect(thumb, `${privacy}: thumb without the signature`).toEqual(missing);
        const query = new URL(url, hub.url).searchParams;
        const sig = query.get('sig')!;
        const tampered = sig.slice(0, -2) + (sig.endsWith('AA') ? 'BB' : 'AA');
        expect(await get(`/photos/${id}?sig=${tampered}&exp=${query.get('exp')}`), `${privacy}: tampered sig`).toEqual(missing);
        expect(await get(`/photos/${id}?sig=${sig}&exp=${Number(query.get('exp')) + 1000}`), `${privacy}: extended exp`).toEqual(missing);
        // A signature is for one photo: it opens no other.
        expect(
          await get(`/photos/${c.photos[privacy === 'friends' ? 'private' : 'friends'].id}?${query}`),
          `${privacy}: sig moved`,
        ).toEqual(missing);
      }
      // Viewers who may not see an album never get a signed URL: its photo list is hidden from them.
      const stranger = await c.stranger.api.get(`/albums/${c.albums.friends}/photos`);
      expect(JSON.stringify(stranger.body)).not.toContain('sig=');
    },
  },
  {
    covers: ['get /spaces/:handle/guestbook'],
    name: 'a private guestbook entry is seen by its author and the owner only',
    async run(c) {
      for (const role of roles) {
        const ids = (await ok(c.actors[role].api.get(`/spaces/${c.owner.handle}/guestbook`), 200, role)).entries.map(
          (e: { id: string }) => e.id,
        );
        expect(ids.includes(c.guestbook.publicEntry), role).toBe(true);
        expect(ids.includes(c.guestbook.privateEntry), `${role}: private entry`).toBe(role === 'owner' || role === 'stranger');
      }
    },
  },
  {
    covers: ['get /spaces/:handle/visitors', 'get /spaces/:handle', 'post /spaces/:handle/visit'],
    name: 'the space shell is public; visiting needs an account; the visitor list is the owner’s alone',
    async run(c) {
      for (const role of roles) {
        const { api } = c.actors[role];
        expect((await ok(api.get(`/spaces/${c.owner.handle}`), 200, role)).space.owner.id).toBe(c.owner.id);
        await ok(api.post(`/spaces/${c.owner.handle}/visit`), role === 'anonymous' ? 401 : 204, `${role} visit`);
        const visitors = await api.get(`/spaces/${c.owner.handle}/visitors`);
        const expected = role === 'owner' ? 200 : role === 'anonymous' ? 401 : 403;
        expect(visitors.status, `${role} visitors`).toBe(expected);
        if (expected !== 200) expect(JSON.stringify(visitors.body), role).not.toContain(c.friend.handle);
      }
    },
  },
  {
    covers: ['get /matches/:id', 'get /spaces/:handle/matches', 'get /invites', 'get /invites/:id', 'get /games'],
    name: 'matches for players and their friends; invites for their two players only',
    async run(c) {
      for (const role of roles) {
        const { api } = c.actors[role];
        const label = role;
        const mayMatch = role === 'owner' || role === 'friend';
        await ok(api.get('/games'), 200, label);
        if (role === 'anonymous') {
          await ok(api.get(`/matches/${c.match}`), 401, label);
          await ok(api.get('/invites'), 401, label);
        } else if (mayMatch) {
          expect((await ok(api.get(`/matches/${c.match}`), 200, label)).match.id).toBe(c.match);
          expect((await ok(api.get(`/invites/${c.invite}`), 200, label)).invite.id).toBe(c.invite);
        } else {
          await expectHidden(api, 'get', `/matches/${c.match}`, c.match, undefined, label);
          await expectHidden(api, 'get', `/invites/${c.invite}`, c.invite, undefined, label);
          expect(JSON.stringify((await ok(api.get('/invites'), 200, label)).invites ?? {}), label).not.toContain(c.invite);
        }
        const listed = (await ok(api.get(`/spaces/${c.owner.handle}/matches`), 200, label)).matches.map((m: { id: string }) => m.id);
        expect(listed.includes(c.match), `${label}: space matches`).toBe(mayMatch);
      }
    },
  },
  {
    covers: ['get /friends/requests', 'get /friends', 'get /me'],
    name: 'friend lists and requests are one’s own; the ex-friend is gone from both sides',
    async run(c) {
      for (const role of signedIn) {
        const { api, user } = c.actors[role];
        expect((await ok(api.get('/me'), 200, role)).user.id).toBe(user!.id);
        const requests = JSON.stringify(await ok(api.get('/friends/requests'), 200, role));
        expect(requests.includes(c.friendRequest), `${role}: requests`).toBe(role === 'owner' || role === 'stranger');
        const friends = (await ok(api.get('/friends'), 200, role)).friends.map((u: { id: string }) => u.id);
        if (role === 'owner') expect(friends.sort()).toEqual([c.friend.id]);
        else expect(friends.includes(c.owner.id), role).toBe(role === 'friend');
      }
      await ok(c.actors.anonymous.api.get('/me'), 401);
    },
  },
  {
    covers: ['get /notifications', 'get /notifications/settings', 'get /albums/quota', 'get /spaces/:handle/fan'],
    name: 'notifications, settings and quota are per user; none of the owner’s show to anyone else',
    async run(c) {
      const own = (await ok(c.owner.api.get('/notifications'), 200)).notifications as Array<{ seq: number; kind: string }>;
      expect(own.some((n) => n.kind === 'friend_request')).toBe(true);
      for (const role of signedIn.filter((r) => r !== 'owner')) {
        const { api } = c.actors[role];
        const theirs = JSON.stringify(await ok(api.get('/notifications'), 200, role));
        // Nobody else was asked for friendship by the stranger or commented on by the friend.
        expect(theirs, role).not.toContain(c.friendRequest);
        expect(theirs, role).not.toContain('owner remark');
        await ok(api.get('/notifications/settings'), 200, role);
        expect((await ok(api.get('/albums/quota'), 200, role)).used, `${role}: quota is their own`).toBe(0);
      }
      expect((await ok(c.owner.api.get('/albums/quota'), 200)).used).toBeGreaterThan(0);
      for (const role of roles) await ok(c.actors[role].api.get(`/spaces/${c.owner.handle}/fan`), 200, role);
    },
  },
  {
    covers: ['get /moderation/rules', 'get /moderation/queue', 'get /moderation/audit'],
    name: 'moderation reads: moderators only (others 403, anonymous 401)',
    async run(c) {
      for (const role of roles) {
        for (const path of ['/moderation/rules', '/moderation/queue', '/moderation/audit']) {
          const res = await c.actors[role].api.get(path);
          const expected = role === 'moderator' ? 200 : role === 'anonymous' ? 401 : 403;
          expect(res.status, `${role} ${path}`).toBe(expected);
          if (expected === 403) expect(res.body.error.code).toBe('forbidden');
        }
      }
      const queue = JSON.stringify(await ok(c.moderator.api.get('/moderation/queue'), 200));
      expect(queue).toContain(c.posts.held);
    },
  },
];
