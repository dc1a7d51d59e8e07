/**
 * Rows of the authorization matrix for private messages (v1.2): a conversation is its two friends'
 * alone. Everyone else — the ex-friend, a stranger, a moderator — gets `not_found` for every read and
 * write of it, exactly as for a handle of no one; the anonymous get 401.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { ok, signedIn } from '../helpers/cast.js';
import type { MatrixRow } from './read-rows.js';

const outsiders = ['exFriend', 'stranger', 'moderator'] as const;

export const chatRows: readonly MatrixRow[] = [
  {
    covers: [
      'post /conversations/:handle/messages',
      'get /conversations/:handle/messages',
      'post /conversations/:handle/read',
      'get /conversations',
    ],
    name: 'a conversation is read and written by its two friends alone; anyone else gets not_found',
    async run(c) {
      const sent = (
        await ok(c.owner.api.post(`/conversations/${c.friend.handle}/messages`, { text: 'just us', clientId: randomUUID() }), 201)
      ).message;
      const history = await ok(c.friend.api.get(`/conversations/${c.owner.handle}/messages`), 200);
      expect(history.messages.map((m: { id: string }) => m.id)).toContain(sent.id);
      for (const role of outsiders) {
        const { api } = c.actors[role];
        await ok(api.post(`/conversations/${c.owner.handle}/messages`, { text: 'hello?', clientId: randomUUID() }), 404, role);
        await ok(api.get(`/conversations/${c.owner.handle}/messages`), 404, role);
        await ok(api.post(`/conversations/${c.owner.handle}/read`, { upTo: 1 }), 404, role);
        const list = await ok(api.get('/conversations'), 200, role);
        expect(
          list.conversations.map((x: { peer: { id: string } }) => x.peer.id),
          role,
        ).not.toContain(c.owner.id);
      }
      await ok(c.actors.anonymous.api.get('/conversations'), 401);
      await ok(c.actors.anonymous.api.post(`/conversations/${c.owner.handle}/messages`, { text: 'x', clientId: randomUUID() }), 401);
      await ok(c.actors.anonymous.api.get(`/conversations/${c.owner.handle}/messages`), 401);
      await ok(c.actors.anonymous.api.post(`/conversations/${c.owner.handle}/read`, { upTo: 1 }), 401);
      for (const role of signedIn)
        await ok(c.actors[role].api.post(`/conversations/no_such_user_x/messages`, { text: 'x', clientId: randomUUID() }), 404, role);
    },
  },
  {
    covers: ['post /messages/:id/recall'],
    name: 'a message is recalled by its sender alone: the other person is forbidden, everyone else gets not_found',
    async run(c) {
      const sent = (
        await ok(c.owner.api.post(`/conversations/${c.friend.handle}/messages`, { text: 'take back', clientId: randomUUID() }), 201)
      ).message;
      await ok(c.friend.api.post(`/messages/${sent.id}/recall`), 403);
      for (const role of outsiders) await ok(c.actors[role].api.post(`/messages/${sent.id}/recall`), 404, role);
      await ok(c.actors.anonymous.api.post(`/messages/${sent.id}/recall`), 401);
      const recalled = await ok(c.owner.api.post(`/messages/${sent.id}/recall`), 200);
      expect(recalled.message).toMatchObject({ id: sent.id, recalled: true });
      expect(recalled.message.text).toBeUndefined();
    },
  },
];
