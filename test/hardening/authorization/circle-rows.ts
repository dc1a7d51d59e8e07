/**
 * Rows of the authorization matrix for circles (v1.2): friend groups are their owner's alone (anyone
 * else gets `not_found`, as for an id of nothing; the anonymous 401), their members must be friends
 * (the ex-friend is refused), and a post limited to a group or hidden from a friend is seen by its
 * audience alone — the wider per-viewer matrix, live pushes on both engines included, is
 * test/modules/groups/circle-privacy.test.ts.
 */
import { expect } from 'vitest';
import { ok } from '../helpers/cast.js';
import type { MatrixRow } from './read-rows.js';

const others = ['friend', 'exFriend', 'stranger', 'moderator'] as const;

export const circleRows: readonly MatrixRow[] = [
  {
    covers: ['get /groups', 'post /groups', 'patch /groups/:id', 'delete /groups/:id'],
    name: 'friend groups are read and changed by their owner alone; members must be friends; a limited post reaches its audience alone',
    async run(c) {
      const group = (await ok(c.owner.api.post('/groups', { name: 'matrix' }), 201)).group;
      await ok(c.owner.api.patch(`/groups/${group.id}`, { members: [c.exFriend.handle] }), 400, 'ex-friend as member');
      await ok(c.owner.api.patch(`/groups/${group.id}`, { members: [c.stranger.handle] }), 400, 'stranger as member');
      await ok(c.owner.api.patch(`/groups/${group.id}`, { members: [c.friend.handle] }), 200);
      for (const role of others) {
        const { api } = c.actors[role];
        await ok(api.patch(`/groups/${group.id}`, { name: 'taken' }), 404, role);
        await ok(api.delete(`/groups/${group.id}`), 404, role);
        const mine = await ok(api.get('/groups'), 200, role);
        expect(
          mine.groups.map((g: { id: string }) => g.id),
          role,
        ).not.toContain(group.id);
      }
      const anonymous = c.actors.anonymous.api;
      await ok(anonymous.get('/groups'), 401);
      await ok(anonymous.post('/groups', { name: 'x' }), 401);
      await ok(anonymous.patch(`/groups/${group.id}`, { name: 'x' }), 401);
      await ok(anonymous.delete(`/groups/${group.id}`), 401);

      const limited = (
        await ok(c.owner.api.post('/posts', { kind: 'shuoshuo', text: 'group secret', privacy: 'groups', groups: [group.id] }), 201)
      ).post.id;
      const hidden = (
        await ok(
          c.owner.api.post('/posts', { kind: 'shuoshuo', text: 'not for friend', privacy: 'friends', except: [c.friend.handle] }),
          201,
        )
      ).post.id;
      await ok(c.friend.api.get(`/posts/${limited}`), 200, 'member');
      await ok(c.friend.api.get(`/posts/${hidden}`), 404, 'excepted');
      for (const role of ['exFriend', 'stranger', 'moderator', 'anonymous'] as const) {
        await ok(c.actors[role].api.get(`/posts/${limited}`), 404, role);
        await ok(c.actors[role].api.get(`/posts/${hidden}`), 404, role);
      }
      await ok(c.owner.api.delete(`/posts/${limited}`), 204);
      await ok(c.owner.api.delete(`/posts/${hidden}`), 204);
      await ok(c.owner.api.delete(`/groups/${group.id}`), 204);
      await ok(c.owner.api.delete(`/groups/${group.id}`), 404, 'deleted twice');
    },
  },
];
