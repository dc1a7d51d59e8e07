/**
 * Rows of the authorization matrix for scheduled posts (v1.2): a post waiting for its time is its
 * author's alone. Everyone else — friend, ex-friend, stranger, moderator — gets `not_found` for
 * reading, editing and cancelling it, exactly as for an id of nothing; the list shows each person
 * their own; the anonymous get 401.
 */
import { expect } from 'vitest';
import { ok } from '../helpers/cast.js';
import type { MatrixRow } from './read-rows.js';

const others = ['friend', 'exFriend', 'stranger', 'moderator'] as const;
const later = () => new Date(Date.now() + 10 * 60_000).toISOString();

export const scheduledRows: readonly MatrixRow[] = [
  {
    covers: ['get /posts/scheduled', 'patch /posts/:id/schedule'],
    name: 'a scheduled post is read, listed, edited and cancelled by its author alone; anyone else gets not_found',
    async run(c) {
      const made = (await ok(c.owner.api.post('/posts', { kind: 'shuoshuo', text: 'soon', privacy: 'public', publishAt: later() }), 201))
        .post;
      const listed = await ok(c.owner.api.get('/posts/scheduled'), 200);
      expect(listed.posts.map((p: { id: string }) => p.id)).toContain(made.id);
      for (const role of others) {
        const { api } = c.actors[role];
        await ok(api.get(`/posts/${made.id}`), 404, role);
        await ok(api.patch(`/posts/${made.id}/schedule`, { text: 'mine now' }), 404, role);
        await ok(api.delete(`/posts/${made.id}`), 404, role);
        const theirs = await ok(api.get('/posts/scheduled'), 200, role);
        expect(
          theirs.posts.map((p: { id: string }) => p.id),
          role,
        ).not.toContain(made.id);
      }
      await ok(c.actors.anonymous.api.get(`/posts/${made.id}`), 404);
      await ok(c.actors.anonymous.api.get('/posts/scheduled'), 401);
      await ok(c.actors.anonymous.api.patch(`/posts/${made.id}/schedule`, { text: 'x' }), 401);
      const edited = await ok(c.owner.api.patch(`/posts/${made.id}/schedule`, { text: 'sooner' }), 200);
      expect(edited.post).toMatchObject({ id: made.id, text: 'sooner', status: 'scheduled' });
      await ok(c.owner.api.delete(`/posts/${made.id}`), 204);
      await ok(c.owner.api.get(`/posts/${made.id}`), 404);
    },
  },
];
