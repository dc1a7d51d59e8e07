/**
 * Finding people (contract v1.1): handle or display-name prefix, any case, Chinese included, best
 * matches first, never users who block the caller (or whom the caller blocks); suggestions by
 * mutual friends. Search text is plain text: pattern and operator characters match only themselves.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeFriends, registerUser, useTestHub } from '../../helpers/index.js';

describe('user search and friend suggestions', () => {
  const hub = useTestHub();

  it('finds by handle or name prefix, case-insensitively and in Chinese, exact handle first', async () => {
    const stem = `zq${randomBytes(2).toString('hex')}`;
    const viewer = await registerUser(hub, 'seeker');
    const exact = await registerUser(hub, stem, 'Somebody Else');
    const longer = await registerUser(hub, `${stem}_long`, 'Another');
    const chinese = await registerUser(hub, 'wang', `王小明${stem}`);
    const spaced = await registerUser(hub, 'li', `Li ${stem.toUpperCase()}Wei`);

    const byHandle = (await viewer.api.call('GET /users', { query: { q: stem.toUpperCase() } })).users.map((u: { id: string }) => u.id);
    expect(byHandle[0]).toBe(exact.id);
    expect(byHandle).toEqual(expect.arrayContaining([exact.id, longer.id, spaced.id]));

    const byName = (await viewer.api.call('GET /users', { query: { q: '王小', limit: 50 } })).users.map((u: { id: string }) => u.id);
    expect(byName).toContain(chinese.id);
    const at = (await viewer.api.call('GET /users', { query: { q: `@${exact.handle}` } })).users;
    expect(at[0]?.handle).toBe(exact.handle);
    expect((await viewer.api.call('GET /users', { query: { q: 'nobodyhasthisprefix' } })).users).toEqual([]);
  });

  it('treats pattern and operator characters as text, and refuses empty, overlong and operator queries', async () => {
    const viewer = await registerUser(hub, 'prober');
    for (const q of ['.*', '^', '[a-z]+', '(', '\\', '$where', '{"$ne":1}', '%00', 'a|b']) {
      const res = await viewer.api.get(`/users?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(res.body.users, q).toEqual([]);
    }
    for (const query of ['', '?q=', `?q=${'a'.repeat(41)}`, '?q[$ne]=x', '?q=a&limit=1000']) {
      const res = await viewer.api.get(`/users${query}`);
      expect(res.status, query).toBe(400);
    }
  });

  it('never shows users who block the caller, nor those the caller blocks', async () => {
    const stem = `bk${randomBytes(2).toString('hex')}`;
    const [a, b, c] = [await registerUser(hub, `${stem}_a`), await registerUser(hub, `${stem}_b`), await registerUser(hub, `${stem}_c`)];
    await a.api.call('PUT /blocks/:handle', { params: { handle: b.handle } });
    const seenByB = (await b.api.call('GET /users', { query: { q: stem } })).users.map((u: { id: string }) => u.id);
    expect(seenByB).not.toContain(a.id);
    expect(seenByB).toContain(c.id);
    const seenByA = (await a.api.call('GET /users', { query: { q: stem } })).users.map((u: { id: string }) => u.id);
    expect(seenByA).not.toContain(b.id);
  });

  it('suggests friends of friends, most mutual friends first, never friends, oneself or blocked users', async () => {
    const [me, f1, f2, x, y, z] = await Promise.all(['me', 'f1', 'f2', 'x', 'y', 'z'].map((s) => registerUser(hub, s)));
    await makeFriends(me!, f1!);
    await makeFriends(me!, f2!);
    await makeFriends(f1!, x!);
    await makeFriends(f2!, x!);
    await makeFriends(f1!, y!);
    await makeFriends(f1!, z!);
    await z!.api.call('PUT /blocks/:handle', { params: { handle: me!.handle } });
    const { suggestions } = await me!.api.call('GET /friends/suggestions');
    expect(suggestions).toEqual([
      { user: expect.objectContaining({ id: x!.id }), mutualFriends: 2 },
      { user: expect.objectContaining({ id: y!.id }), mutualFriends: 1 },
    ]);
  });
});
