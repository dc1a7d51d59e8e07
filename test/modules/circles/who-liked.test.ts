/**
 * Who liked (v1.2): the likers of a post, newest first, paged, for anyone who may see the post;
 * people blocked either way with the reader are left out; a post the reader may not see is not_found.
 */
import { describe, expect, it } from 'vitest';
import { errorOf, makeFriends, registerUsers, type TestUser, useTestHub } from '../../helpers/index.js';
import { shuoshuo } from '../posts/post-fixtures.js';

describe('who liked', () => {
  const hub = useTestHub();

  it('pages through the likers newest first, leaving out people blocked either way', async () => {
    const [author, reader, pest, shy, ...others] = (await registerUsers(hub, ['author', 'reader', 'pest', 'shy', 'a', 'b', 'c'])) as [
      TestUser,
      TestUser,
      TestUser,
      TestUser,
      ...TestUser[],
    ];
    const post = await shuoshuo(author, 'public');
    for (const u of [pest, shy, ...others]) expect((await u.api.send('PUT /posts/:id/like', { params: { id: post.id } })).status).toBe(200);
    expect((await reader.api.send('PUT /blocks/:handle', { params: { handle: pest.handle } })).status).toBe(204);
    expect((await shy.api.send('PUT /blocks/:handle', { params: { handle: reader.handle } })).status).toBe(204);

    const first = await reader.api.send('GET /posts/:id/likes', { params: { id: post.id }, query: { limit: 2 } });
    expect(first.status).toBe(200);
    expect(first.body.users.map((u: { handle: string }) => u.handle)).toEqual([others[2]!.handle, others[1]!.handle]);
    const second = await reader.api.send('GET /posts/:id/likes', {
      params: { id: post.id },
      query: { limit: 2, cursor: first.body.next ?? undefined },
    });
    expect(second.body).toMatchObject({ users: [{ handle: others[0]!.handle }], next: null });

    // The author, who blocks no one, sees all five; so does an anonymous reader of a public post.
    expect((await author.api.call('GET /posts/:id/likes', { params: { id: post.id } })).users).toHaveLength(5);
    const anonymous = await fetch(`${hub.url}/api/posts/${post.id}/likes`);
    expect(((await anonymous.json()) as { users: unknown[] }).users).toHaveLength(5);
  });

  it('answers not_found for a post the reader may not see, an unknown id or a bad cursor', async () => {
    const [author, friend, stranger] = await registerUsers(hub, ['author', 'friend', 'stranger']);
    await makeFriends(author!, friend!);
    const post = await shuoshuo(author!, 'friends');
    expect((await friend!.api.send('PUT /posts/:id/like', { params: { id: post.id } })).status).toBe(200);
    expect((await friend!.api.call('GET /posts/:id/likes', { params: { id: post.id } })).users).toMatchObject([{ id: friend!.id }]);
    expect(errorOf(await stranger!.api.request('GET /posts/:id/likes', { params: { id: post.id } })).code).toBe('not_found');
    expect(errorOf(await stranger!.api.request('GET /posts/:id/likes', { params: { id: 'ffffffffffffffffffffffff' } })).code).toBe(
      'not_found',
    );
    expect((await friend!.api.get(`/posts/${post.id}/likes?cursor=nope`)).status).toBe(400);
    expect((await friend!.api.get(`/posts/${post.id}/likes?limit=51`)).status).toBe(400);
  });
});
