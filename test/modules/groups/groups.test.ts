/** Friend groups (分组): the owner's own, members friends only, names and counts bounded. */
import { describe, expect, it } from 'vitest';
import { apiClient, errorOf, makeFriends, registerUser, useTestHub } from '../../helpers/index.js';

describe('friend groups', () => {
  const hub = useTestHub();

  it('are created, renamed, filled with friends (one friend in several), listed and deleted by their owner alone', async () => {
    const [owner, ann, ben, eve] = await Promise.all(['owner', 'ann', 'ben', 'eve'].map((s) => registerUser(hub, s)));
    await makeFriends(owner!, ann!);
    await makeFriends(owner!, ben!);
    const family = (await owner!.api.call('POST /groups', { body: { name: '家人' } })).group;
    const work = (await owner!.api.call('POST /groups', { body: { name: 'Work' } })).group;
    expect(family).toEqual({ id: expect.any(String), name: '家人', members: [] });
    const filled = await owner!.api.send('PATCH /groups/:id', {
      params: { id: family.id },
      body: { name: '亲人', members: [ann!.handle, ben!.handle] },
    });
    expect(filled.status).toBe(200);
    expect(filled.body.group.name).toBe('亲人');
    expect(filled.body.group.members.map((m: { handle: string }) => m.handle)).toEqual([ann!.handle, ben!.handle]);
    expect((await owner!.api.send('PATCH /groups/:id', { params: { id: work.id }, body: { members: [ann!.handle] } })).status).toBe(200);
    const listed = await owner!.api.send('GET /groups');
    expect(listed.body.groups.map((g: { name: string; members: unknown[] }) => [g.name, g.members.length])).toEqual([
      ['亲人', 2],
      ['Work', 1],
    ]);
    // Someone else's group is as good as missing, and lists are one's own.
    expect((await eve!.api.request('PATCH /groups/:id', { params: { id: family.id }, body: { name: 'mine' } })).status).toBe(404);
    expect((await eve!.api.request('DELETE /groups/:id', { params: { id: family.id } })).status).toBe(404);
    expect((await eve!.api.call('GET /groups')).groups).toEqual([]);
    expect((await owner!.api.send('DELETE /groups/:id', { params: { id: work.id } })).status).toBe(204);
    expect((await owner!.api.call('GET /groups')).groups).toHaveLength(1);
    expect((await apiClient(hub.url).get('/groups')).status).toBe(401);
  });

  it('refuse non-friends, unknown people, bad names, a 21st group, and unknown groups on a post', async () => {
    const [owner, friend, stranger] = await Promise.all(['owner', 'friend', 'stranger'].map((s) => registerUser(hub, s)));
    await makeFriends(owner!, friend!);
    const group = (await owner!.api.call('POST /groups', { body: { name: 'g0' } })).group;
    const notFriend = await owner!.api.request('PATCH /groups/:id', {
      params: { id: group.id },
      body: { members: [friend!.handle, stranger!.handle] },
    });
    expect(notFriend.status).toBe(400);
    expect(errorOf(notFriend).fields).toEqual({ members: `@${stranger!.handle} is not your friend` });
    expect((await owner!.api.call('GET /groups')).groups[0]?.members).toEqual([]); // nothing half-written
    expect((await owner!.api.patch(`/groups/${group.id}`, { members: ['nobody_here_at_all'] })).status).toBe(400);
    expect((await owner!.api.patch(`/groups/${group.id}`, { members: [friend!.handle, friend!.handle] })).status).toBe(400);
    for (const name of ['', '   ', 'x'.repeat(21), 42]) expect((await owner!.api.post('/groups', { name })).status, String(name)).toBe(400);
    expect((await owner!.api.request('POST /groups', { body: { name: 'g0' } })).status).toBe(409);
    expect((await owner!.api.patch('/groups/not-an-id', { name: 'x' })).status).toBe(400);
    for (let i = 1; i < 20; i++) expect((await owner!.api.send('POST /groups', { body: { name: `g${i}` } })).status).toBe(201);
    const twentyFirst = await owner!.api.request('POST /groups', { body: { name: 'g20' } });
    expect(twentyFirst.status).toBe(409);
    expect((await owner!.api.call('GET /groups')).groups).toHaveLength(20);

    const post = (body: Record<string, unknown>) => owner!.api.post('/posts', { kind: 'shuoshuo', text: 'hi', ...body });
    const strangersGroup = (await stranger!.api.call('POST /groups', { body: { name: 'theirs' } })).group;
    for (const bad of [
      { privacy: 'groups' },
      { privacy: 'groups', groups: [] },
      { privacy: 'groups', groups: ['0'.repeat(24)] },
      { privacy: 'groups', groups: [strangersGroup.id] },
      { privacy: 'groups', groups: Array.from({ length: 21 }, (_, i) => i.toString(16).padStart(24, '0')) },
      { privacy: 'friends', groups: [group.id] },
      { privacy: 'public', except: [friend!.handle] },
      { privacy: 'friends', except: ['nobody_here_at_all'] },
    ]) {
      const res = await post(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe('invalid');
    }
    expect((await owner!.api.call('GET /spaces/:handle/posts', { params: { handle: owner!.handle } })).posts).toEqual([]);
    expect((await post({ privacy: 'groups', groups: [group.id] })).status).toBe(201);
  });
});
