/**
 * Rows of the authorization matrix for the v1.2 circles that do not change who sees a post: who liked
 * (exactly those who may see the post), special care (friends only), and the owner's own guestbook
 * replies and approval queue (`/spaces/me/...`: anyone else's item answers not_found, as an unknown id).
 */
import { expect } from 'vitest';
import { expectHidden, mayView, missingId, ok, postStates, roles, signedIn } from '../helpers/cast.js';
import type { MatrixRow } from './read-rows.js';

export const circlesRows: readonly MatrixRow[] = [
  {
    covers: ['get /posts/:id/likes'],
    name: 'who liked: readable exactly by those who may see the post',
    async run(c) {
      for (const state of postStates) {
        for (const role of roles) {
          const { api } = c.actors[role];
          const label = `${role} × ${state}`;
          const path = `/posts/${c.posts[state]}/likes`;
          if (mayView[state].includes(role)) expect((await ok(api.get(path), 200, label)).users, label).toBeInstanceOf(Array);
          else await expectHidden(api, 'get', path, c.posts[state], undefined, label);
        }
      }
    },
  },
  {
    covers: ['put /friends/:handle/care', 'delete /friends/:handle/care', 'get /friends/care'],
    name: 'special care: only a friend may be cared for; everyone else is not_found; the anonymous get 401',
    async run(c) {
      await ok(c.owner.api.put(`/friends/${c.friend.handle}/care`), 204);
      expect((await ok(c.owner.api.get('/friends/care'), 200)).users.map((u: { id: string }) => u.id)).toEqual([c.friend.id]);
      for (const role of ['exFriend', 'stranger', 'moderator'] as const) {
        await ok(c.actors[role].api.put(`/friends/${c.owner.handle}/care`), 404, role);
        expect((await ok(c.actors[role].api.get('/friends/care'), 200, role)).users, role).toEqual([]);
      }
      await ok(c.actors.anonymous.api.put(`/friends/${c.owner.handle}/care`), 401);
      await ok(c.actors.anonymous.api.delete(`/friends/${c.owner.handle}/care`), 401);
      await ok(c.actors.anonymous.api.get('/friends/care'), 401);
      await ok(c.owner.api.delete(`/friends/${c.friend.handle}/care`), 204);
      expect((await ok(c.owner.api.get('/friends/care'), 200)).users).toEqual([]);
    },
  },
  {
    covers: ['put /spaces/me/guestbook/:id/reply', 'delete /spaces/me/guestbook/:id/reply'],
    name: "guestbook replies: the owner's alone; for anyone else the entry is not found",
    async run(c) {
      const entry = c.guestbook.publicEntry;
      for (const role of signedIn.filter((r) => r !== 'owner')) {
        await ok(c.actors[role].api.put(`/spaces/me/guestbook/${entry}/reply`, { text: 'not mine' }), 404, role);
        await ok(c.actors[role].api.delete(`/spaces/me/guestbook/${entry}/reply`), 404, role);
      }
      await ok(c.actors.anonymous.api.put(`/spaces/me/guestbook/${entry}/reply`, { text: 'x' }), 401);
      await ok(c.actors.anonymous.api.delete(`/spaces/me/guestbook/${entry}/reply`), 401);
      expect((await ok(c.owner.api.put(`/spaces/me/guestbook/${entry}/reply`, { text: 'welcome' }), 200)).entry.reply.text).toBe('welcome');
      await ok(c.owner.api.delete(`/spaces/me/guestbook/${entry}/reply`), 204);
      await ok(c.owner.api.put(`/spaces/me/guestbook/${missingId}/reply`, { text: 'x' }), 404);
    },
  },
  {
    covers: ['get /spaces/me/pending', 'post /spaces/me/pending/:kind/:id/approve', 'post /spaces/me/pending/:kind/:id/reject'],
    name: "approval: each owner decides their own waiting items only; anyone else's is not_found",
    async run(c) {
      await ok(c.owner.api.patch('/spaces/me', { approval: { comments: true, guestbook: true } }), 200);
      try {
        const comment = (await ok(c.friend.api.post(`/posts/${c.posts.public}/comments`, { text: 'waiting remark' }), 201)).comment;
        const entry = (await ok(c.friend.api.post(`/spaces/${c.owner.handle}/guestbook`, { text: 'waiting entry' }), 201)).entry;
        expect([comment.pending, entry.pending]).toEqual([true, true]);
        for (const role of signedIn.filter((r) => r !== 'owner')) {
          const theirs = await ok(c.actors[role].api.get('/spaces/me/pending'), 200, role);
          expect(theirs, role).toEqual({ comments: [], entries: [] });
          for (const [kind, id] of [
            ['comment', comment.id],
            ['entry', entry.id],
          ] as const) {
            await ok(c.actors[role].api.post(`/spaces/me/pending/${kind}/${id}/approve`), 404, `${role} ${kind}`);
            await ok(c.actors[role].api.post(`/spaces/me/pending/${kind}/${id}/reject`), 404, `${role} ${kind}`);
          }
        }
        await ok(c.actors.anonymous.api.get('/spaces/me/pending'), 401);
        await ok(c.actors.anonymous.api.post(`/spaces/me/pending/entry/${entry.id}/approve`), 401);
        await ok(c.actors.anonymous.api.post(`/spaces/me/pending/entry/${entry.id}/reject`), 401);
        const mine = await ok(c.owner.api.get('/spaces/me/pending'), 200);
        expect([mine.comments.length, mine.entries.length]).toEqual([1, 1]);
        await ok(c.owner.api.post(`/spaces/me/pending/comment/${comment.id}/reject`), 204);
        await ok(c.owner.api.post(`/spaces/me/pending/entry/${entry.id}/reject`), 204);
        await ok(c.owner.api.post(`/spaces/me/pending/entry/${missingId}/approve`), 404);
      } finally {
        await ok(c.owner.api.patch('/spaces/me', { approval: { comments: false, guestbook: false } }), 200);
      }
    },
  },
];
