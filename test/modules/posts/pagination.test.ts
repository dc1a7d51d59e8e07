/** Paging a space's posts and the feed: newest first, stable under new posts, opaque validated cursors. */
import { describe, expect, it } from 'vitest';
import { apiClient, makeFriends, registerUser, useTestHub } from '../../helpers/index.js';
import { allPages, ids, shuoshuo } from './post-fixtures.js';

describe('paging posts', () => {
  const hub = useTestHub();

  it('pages newest first, and posts written between pages never shift the later pages', async () => {
    const alice = await registerUser(hub, 'alice');
    const created: string[] = [];
    for (let i = 0; i < 12; i++) created.push((await shuoshuo(alice, 'public', `post ${i}`)).id);
    const newestFirst = [...created].reverse();
    const path = `/spaces/${alice.handle}/posts`;

    const first = await apiClient(hub.url).get(`${path}?limit=5`);
    expect(first.status).toBe(200);
    expect(ids(first.body.posts)).toEqual(newestFirst.slice(0, 5));
    expect(typeof first.body.next).toBe('string');

    // New posts arrive while the reader is on page one.
    for (let i = 0; i < 3; i++) await shuoshuo(alice, 'public', `late ${i}`);

    const second = await apiClient(hub.url).get(`${path}?limit=5&before=${first.body.next}`);
    expect(ids(second.body.posts)).toEqual(newestFirst.slice(5, 10));
    const third = await apiClient(hub.url).get(`${path}?limit=5&before=${second.body.next}`);
    expect(ids(third.body.posts)).toEqual(newestFirst.slice(10, 12));
    expect(third.body.next).toBeNull();
  });

  it('a page that ends exactly at the last post says next: null', async () => {
    const bob = await registerUser(hub, 'bob');
    for (let i = 0; i < 4; i++) await shuoshuo(bob);
    const page = await bob.api.send('GET /spaces/:handle/posts', { params: { handle: bob.handle }, query: { limit: 4 } });
    expect(page.body.posts).toHaveLength(4);
    expect(page.body.next).toBeNull();
    const empty = await (await registerUser(hub, 'empty')).api.send('GET /feed');
    expect(empty.body).toEqual({ posts: [], next: null });
  });

  it('the feed pages the same way, through own and friends’ posts alike', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    await makeFriends(alice, bob);
    const expected: string[] = [];
    for (let i = 0; i < 7; i++) expected.push((await shuoshuo(i % 2 ? alice : bob, 'friends')).id);
    const first = await alice.api.send('GET /feed', { query: { limit: 3 } });
    await shuoshuo(bob, 'friends');
    const rest = await allPages(alice, '/feed', 2, first.body.next);
    expect([...ids(first.body.posts), ...rest]).toEqual(expected.reverse());
  });

  it('a bad cursor or limit answers 400', async () => {
    const alice = await registerUser(hub, 'alice');
    const bad = [
      'garbage!',
      Buffer.from('123_nothex').toString('base64url'),
      Buffer.from('abc_0123456789abcdef01234567').toString('base64url'),
      Buffer.from(`${Date.now()}`).toString('base64url'),
      'x'.repeat(101),
    ];
    for (const before of bad) {
      for (const path of ['/feed', `/spaces/${alice.handle}/posts`]) {
        const res = await alice.api.get(`${path}?before=${encodeURIComponent(before)}`);
        expect(res.status, `${path} ${before}`).toBe(400);
        expect(res.body.error.code).toBe('invalid');
        expect(Object.keys(res.body.error.fields)).toContain('before');
      }
    }
    for (const limit of ['0', '51', 'ten', '2.5']) {
      expect((await alice.api.get(`/feed?limit=${limit}`)).status).toBe(400);
    }
    expect((await alice.api.get('/feed?sort=asc')).status).toBe(400);
  });

  it('an unknown space answers not_found', async () => {
    const res = await apiClient(hub.url).get('/spaces/no_such_user_here/posts');
    expect(res.status).toBe(404);
  });
});
