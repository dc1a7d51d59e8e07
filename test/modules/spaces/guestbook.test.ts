import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  errorOf,
  type ApiClient,
  makeFriends,
  registerUser,
  startTestHub,
  type TestHub,
  type TestUser,
  userRef,
} from '../../helpers/index.js';

let hub: TestHub;
/** The hub's first user, so a moderator (who may add keyword rules). */
let moderator: TestUser;
beforeAll(async () => {
  hub = await startTestHub();
  moderator = await registerUser(hub, 'mod');
});
afterAll(async () => {
  await hub?.close();
});

const texts = (res: { body: { entries: { text: string }[] } }) => res.body.entries.map((e) => e.text);

describe('the guestbook', () => {
  it('anyone reads public entries newest first; signed-in users sign it', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const first = await bob.api.send('POST /spaces/:handle/guestbook', {
      params: { handle: alice.handle },
      body: { text: '  hello alice  ' },
    });
    expect(first.status).toBe(201);
    expect(first.body.entry).toMatchObject({ author: userRef(bob), text: 'hello alice', private: false });
    expect(Number.isNaN(Date.parse(first.body.entry.createdAt))).toBe(false);
    await alice.api.call('POST /spaces/:handle/guestbook', { params: { handle: alice.handle }, body: { text: 'thanks for visiting!' } });

    const read = await apiClient(hub.url).get(`/spaces/${alice.handle}/guestbook`);
    expect(read.status).toBe(200);
    expect(texts(read)).toEqual(['thanks for visiting!', 'hello alice']);
    expect(read.body.entries[1].id).toBe(first.body.entry.id);
  });

  it('private entries: the author and the owner see them; a friend, a stranger and anonymous do not', async () => {
    const owner = await registerUser(hub, 'owner');
    const author = await registerUser(hub, 'author');
    const friend = await registerUser(hub, 'friend');
    const stranger = await registerUser(hub, 'stranger');
    await makeFriends(owner, friend);
    await makeFriends(owner, author);

    await author.api.call('POST /spaces/:handle/guestbook', { params: { handle: owner.handle }, body: { text: 'public note' } });
    const secret = await author.api.send('POST /spaces/:handle/guestbook', {
      params: { handle: owner.handle },
      body: { text: 'secret note', private: true },
    });
    expect(secret.body.entry.private).toBe(true);
    await friend.api.call('POST /spaces/:handle/guestbook', {
      params: { handle: owner.handle },
      body: { text: 'friend secret', private: true },
    });

    const view = async (who: TestUser | null) => texts(await (who ? who.api : apiClient(hub.url)).get(`/spaces/${owner.handle}/guestbook`));
    expect(await view(owner)).toEqual(['friend secret', 'secret note', 'public note']);
    expect(await view(author)).toEqual(['secret note', 'public note']);
    expect(await view(friend)).toEqual(['friend secret', 'public note']);
    expect(await view(stranger)).toEqual(['public note']);
    expect(await view(null)).toEqual(['public note']);
  });

  it('tells the owner of a new entry, but not of their own', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const { body } = await bob.api.send('POST /spaces/:handle/guestbook', {
      params: { handle: alice.handle },
      body: { text: 'hi there', private: true },
    });
    await alice.api.call('POST /spaces/:handle/guestbook', { params: { handle: alice.handle }, body: { text: 'note to self' } });
    const notes = (await alice.api.call('GET /notifications')).notifications;
    expect(notes).toEqual([
      expect.objectContaining({
        kind: 'guestbook',
        actor: userRef(bob),
        subject: expect.objectContaining({ type: 'space', id: alice.id, excerpt: 'hi there', detail: body.entry.id }),
      }),
    ]);
  });

  it('pages with before/limit, never skipping or repeating, and private entries stay out of pages', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    for (let i = 1; i <= 5; i += 1) {
      await bob.api.call('POST /spaces/:handle/guestbook', {
        params: { handle: alice.handle },
        body: { text: `note ${i}`, private: i === 3 },
      });
    }
    const anonymous = apiClient(hub.url);
    const page1 = await anonymous.get(`/spaces/${alice.handle}/guestbook?limit=2`);
    expect(texts(page1)).toEqual(['note 5', 'note 4']);
    const page2 = await anonymous.get(`/spaces/${alice.handle}/guestbook?limit=2&before=${page1.body.next}`);
    expect(texts(page2)).toEqual(['note 2', 'note 1']);
    expect(page2.body.next).toBeNull();
    expect((await anonymous.get(`/spaces/${alice.handle}/guestbook?before=nope`)).status).toBe(400);
    expect((await anonymous.get(`/spaces/${alice.handle}/guestbook?limit=500`)).status).toBe(400);
  });

  it('validates entries and requires sign-in to post', async () => {
    const alice = await registerUser(hub, 'alice');
    const path = `/spaces/${alice.handle}/guestbook`;
    for (const body of [
      { text: '' },
      { text: '   ' },
      { text: 'x'.repeat(501) },
      { text: 'hi', private: 'yes' },
      { text: 'hi', extra: 1 },
      {},
    ]) {
      const res = await alice.api.post(path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid');
      expect(res.body.error.fields).toBeDefined();
    }
    expect((await alice.api.post(path, { text: 'x'.repeat(500) })).status).toBe(201);
    expect((await apiClient(hub.url).post(path, { text: 'hi' })).status).toBe(401);
    expect(
      (await alice.api.request('POST /spaces/:handle/guestbook', { params: { handle: 'no_such_user_here' }, body: { text: 'hi' } })).status,
    ).toBe(404);
    expect((await apiClient(hub.url).get('/spaces/no_such_user_here/guestbook')).status).toBe(404);
  });

  it('the owner or the author may delete an entry; others may not', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const carol = await registerUser(hub, 'carol');
    const path = `/spaces/${alice.handle}/guestbook`;
    const handle = alice.handle;
    const write = async (body: { text: string; private?: boolean }) =>
      (await bob.api.call('POST /spaces/:handle/guestbook', { params: { handle }, body })).entry.id;
    const one = await write({ text: 'one' });
    const two = await write({ text: 'two' });
    const hidden = await write({ text: 'hidden', private: true });
    const remove = (api: ApiClient, id: string) => api.request('DELETE /spaces/:handle/guestbook/:id', { params: { handle, id } });

    const byStranger = await remove(carol.api, one);
    expect(byStranger.status).toBe(403);
    // A private entry the caller cannot see does not exist for them.
    expect((await remove(carol.api, hidden)).status).toBe(404);
    expect((await remove(apiClient(hub.url), one)).status).toBe(401);

    expect((await remove(bob.api, one)).status).toBe(204);
    expect((await remove(alice.api, two)).status).toBe(204);
    expect((await remove(alice.api, two)).status).toBe(404);
    expect(texts(await alice.api.send('GET /spaces/:handle/guestbook', { params: { handle } }))).toEqual(['hidden']);
    // Entry ids belong to one guestbook: another space's path does not reach it.
    expect((await bob.api.request('DELETE /spaces/:handle/guestbook/:id', { params: { handle: carol.handle, id: hidden } })).status).toBe(
      404,
    );
    expect((await alice.api.delete(`${path}/not-an-id`)).status).toBe(400);
  });

  it('refuses text a keyword rule matches, whatever the rule’s action, and stores nothing', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const stem = `zq${Date.now().toString(36)}`;
    for (const action of ['block', 'hold', 'review'] as const) {
      const rule = await moderator.api.send('POST /moderation/rules', { body: { pattern: `${stem}${action}`, action } });
      expect(rule.status, JSON.stringify(rule.body)).toBe(201);
      const res = await bob.api.request('POST /spaces/:handle/guestbook', {
        params: { handle: alice.handle },
        body: { text: `buy ${stem}${action} now` },
      });
      expect(res.status, action).toBe(422);
      expect(errorOf(res).code).toBe('blocked');
    }
    expect((await alice.api.call('GET /spaces/:handle/guestbook', { params: { handle: alice.handle } })).entries).toEqual([]);
    expect((await alice.api.call('GET /notifications')).notifications).toEqual([]);
    expect(
      (await bob.api.send('POST /spaces/:handle/guestbook', { params: { handle: alice.handle }, body: { text: 'a kind word' } })).status,
    ).toBe(201);
  });
});
