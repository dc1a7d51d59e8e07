/**
 * Scheduled posts (contract v1.2): `publishAt` validated, the waiting post seen by its author alone,
 * edited and cancelled, and published at its time with its pushes and mentions only then. The hub
 * runs with a short least lead time (SCHEDULE_MIN_LEAD_MS) so nothing waits a real minute.
 */
import { describe, expect, it } from 'vitest';
import {
  apiClient,
  engines,
  errorOf,
  expectNoEvent,
  makeFriends,
  nextEvent,
  received,
  registerUser,
  settle,
  useTestHub,
} from '../../helpers/index.js';
import { connectAll } from './post-fixtures.js';

const leadMs = 400;
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('scheduling a post with the default lead time', () => {
  const hub = useTestHub();

  it('refuses a time under a minute or over 30 days ahead, or not a time, naming publishAt; stores nothing', async () => {
    const alice = await registerUser(hub, 'alice');
    const ok = { kind: 'shuoshuo', text: 'later', privacy: 'friends' } as const;
    for (const publishAt of [inMs(30_000), inMs(-60_000), inMs(31 * 24 * 3600_000), 'tomorrow', '2030-01-01', 12]) {
      const res = await alice.api.post('/posts', { ...ok, publishAt });
      expect(res.status, JSON.stringify(publishAt)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid', fields: { publishAt: expect.any(String) } });
    }
    expect((await alice.api.call('GET /posts/scheduled')).posts).toEqual([]);
    const fine = await alice.api.send('POST /posts', { body: { ...ok, publishAt: inMs(5 * 60_000) } });
    expect(fine.status).toBe(201);
    expect(fine.body.post).toMatchObject({ status: 'scheduled', text: 'later' });
  });
});

describe.each(engines)('scheduled posts on %s', { timeout: 30_000 }, (engine) => {
  const hub = useTestHub({ engine, env: { SCHEDULE_MIN_LEAD_MS: String(leadMs), SCHEDULE_POLL_MS: '60000' } });

  it('waits for its author alone, then is published once at its time, pushed and mentioned only then', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    await makeFriends(alice, bob);
    const [bobSocket] = await connectAll(hub, [bob]);

    const publishAt = inMs(3_000);
    const made = await alice.api.send('POST /posts', {
      body: { kind: 'shuoshuo', text: `see you soon @${bob.handle}`, privacy: 'friends', publishAt },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const post = made.body.post;
    expect(post).toMatchObject({ status: 'scheduled', publishAt: new Date(publishAt).toISOString() });

    // Before its time: the author lists and reads it; the friend, a stranger and the feeds do not.
    expect((await alice.api.call('GET /posts/scheduled')).posts.map((p: { id: string }) => p.id)).toEqual([post.id]);
    expect((await alice.api.send('GET /posts/:id', { params: { id: post.id } })).status).toBe(200);
    expect((await bob.api.request('GET /posts/:id', { params: { id: post.id } })).status).toBe(404);
    expect((await apiClient(hub.url).get(`/posts/${post.id}`)).status).toBe(404);
    expect((await bob.api.call('GET /feed')).posts).toEqual([]);
    expect((await alice.api.call('GET /spaces/:handle/posts', { params: { handle: alice.handle } })).posts).toEqual([]);
    expect(received(bobSocket, 'feed:post')).toEqual([]);
    expect(received(bobSocket, 'notification')).toEqual([]);

    const pushed = await nextEvent(bobSocket, 'feed:post', (p) => p.post.id === post.id, 10_000);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(publishAt));
    expect(pushed.post).toMatchObject({ status: 'published', text: `see you soon @${bob.handle}` });
    expect(pushed.post.publishAt).toBeUndefined();
    await nextEvent(bobSocket, 'notification', (n) => n.notification.kind === 'mention');
    expect((await bob.api.call('GET /posts/:id', { params: { id: post.id } })).post.status).toBe('published');
    expect((await bob.api.call('GET /feed')).posts.map((p: { id: string }) => p.id)).toEqual([post.id]);
    expect((await alice.api.call('GET /posts/scheduled')).posts).toEqual([]);
    await settle(bobSocket);
    expect(received(bobSocket, 'feed:post').filter((p) => p.post.id === post.id)).toHaveLength(1);
  });

  it('its author edits the text and time, or cancels it; nobody else can, and a published post is no longer editable', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    await makeFriends(alice, bob);
    const [bobSocket] = await connectAll(hub, [bob]);
    const made = await alice.api.send('POST /posts', {
      body: { kind: 'shuoshuo', text: 'draft', privacy: 'friends', publishAt: inMs(60_000) },
    });
    const id = made.body.post.id;

    expect((await bob.api.request('PATCH /posts/:id/schedule', { params: { id }, body: { text: 'hijacked' } })).status).toBe(404);
    expect((await bob.api.request('DELETE /posts/:id', { params: { id } })).status).toBe(404);
    expect((await alice.api.patch(`/posts/${id}/schedule`, {})).status).toBe(400);
    expect(
      errorOf(await alice.api.request('PATCH /posts/:id/schedule', { params: { id }, body: { publishAt: inMs(-1000) } })).fields,
    ).toHaveProperty('publishAt');
    expect(errorOf(await alice.api.request('PATCH /posts/:id/schedule', { params: { id }, body: { title: 'no' } })).fields).toHaveProperty(
      'title',
    );

    const soon = inMs(2_500);
    const edited = await alice.api.send('PATCH /posts/:id/schedule', { params: { id }, body: { text: 'final words', publishAt: soon } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.post).toMatchObject({ text: 'final words', status: 'scheduled', publishAt: new Date(soon).toISOString() });
    const pushed = await nextEvent(bobSocket, 'feed:post', (p) => p.post.id === id, 10_000);
    expect(pushed.post.text).toBe('final words');
    const late = await alice.api.request('PATCH /posts/:id/schedule', { params: { id }, body: { text: 'too late' } });
    expect(late.status).toBe(409);

    const other = await alice.api.send('POST /posts', {
      body: { kind: 'shuoshuo', text: 'never mind', privacy: 'friends', publishAt: inMs(2_000) },
    });
    const otherId = other.body.post.id;
    // A later post: once it is out, the cancelled one's time has passed too.
    const marker = await alice.api.send('POST /posts', {
      body: { kind: 'shuoshuo', text: 'marker', privacy: 'friends', publishAt: inMs(2_500) },
    });
    expect((await alice.api.send('DELETE /posts/:id', { params: { id: otherId } })).status).toBe(204);
    expect((await alice.api.call('GET /posts/scheduled')).posts.map((p: { id: string }) => p.id)).toEqual([marker.body.post.id]);
    await nextEvent(bobSocket, 'feed:post', (p) => p.post.id === marker.body.post.id, 10_000);
    await expectNoEvent(bobSocket, 'feed:post', (p) => p.post.id === otherId);
    expect((await alice.api.request('GET /posts/:id', { params: { id: otherId } })).status).toBe(404);
  });

  it('a scheduled diary is edited like a new one: title and text, sanitised again', async () => {
    const alice = await registerUser(hub, 'alice');
    const mine = await alice.api.send('POST /posts', {
      body: {
        kind: 'diary',
        title: 'Plans',
        text: '<p>tomorrow</p>',
        privacy: 'public',
        publishAt: inMs(60_000),
      },
    });
    expect(mine.status).toBe(201);
    const edited = await alice.api.send('PATCH /posts/:id/schedule', {
      params: { id: mine.body.post.id },
      body: {
        title: 'Better plans',
        text: '<p>later <script>x</script></p>',
      },
    });
    expect(edited.body.post).toMatchObject({ title: 'Better plans', text: '<p>later </p>', status: 'scheduled' });
  });
});
