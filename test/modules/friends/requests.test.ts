import { describe, expect, it } from 'vitest';
import { apiClient, errorOf, makeFriends, registerUser, useTestHub, userRef } from '../../helpers/index.js';

const hub = useTestHub();

describe('friend requests', () => {
  it('a request goes from pending to accepted, and both then list each other as friends', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');

    const sent = await alice.api.send('POST /friends/requests', { body: { to: bob.handle } });
    expect(sent.status).toBe(201);
    expect(sent.body.request).toMatchObject({ from: userRef(alice), to: userRef(bob), status: 'pending' });
    const id: string = sent.body.request.id;

    const bobs = await bob.api.send('GET /friends/requests');
    expect(bobs.body.incoming.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(bobs.body.outgoing).toEqual([]);
    const alices = await alice.api.send('GET /friends/requests');
    expect(alices.body.outgoing.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(alices.body.incoming).toEqual([]);

    const accepted = await bob.api.send('POST /friends/requests/:id/accept', { params: { id } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.friend).toEqual(userRef(alice));

    expect((await alice.api.call('GET /friends')).friends).toEqual([userRef(bob)]);
    expect((await bob.api.call('GET /friends')).friends).toEqual([userRef(alice)]);
    // Settled requests leave the pending lists.
    expect((await bob.api.call('GET /friends/requests')).incoming).toEqual([]);
    expect((await alice.api.call('GET /friends/requests')).outgoing).toEqual([]);
  });

  it('only the recipient may accept or decline; anyone else gets not_found', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const eve = await registerUser(hub, 'eve');
    const { body } = await alice.api.send('POST /friends/requests', { body: { to: bob.handle } });
    const id: string = body.request.id;

    for (const who of [alice, eve]) {
      const accept = await who.api.request('POST /friends/requests/:id/accept', { params: { id } });
      expect(accept.status).toBe(404);
      expect(errorOf(accept).code).toBe('not_found');
      expect((await who.api.request('POST /friends/requests/:id/decline', { params: { id } })).status).toBe(404);
    }
    expect((await alice.api.call('GET /friends')).friends).toEqual([]);
  });

  it('a declined request disappears, and can be sent again later', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const { body } = await alice.api.send('POST /friends/requests', { body: { to: bob.handle } });
    const declined = await bob.api.send('POST /friends/requests/:id/decline', { params: { id: body.request.id } });
    expect(declined.status).toBe(204);
    expect((await bob.api.call('GET /friends/requests')).incoming).toEqual([]);
    expect((await bob.api.request('POST /friends/requests/:id/accept', { params: { id: body.request.id } })).status).toBe(404);
    expect((await alice.api.call('GET /friends')).friends).toEqual([]);

    const again = await alice.api.send('POST /friends/requests', { body: { to: bob.handle } });
    expect(again.status).toBe(201);
    expect(again.body.request.id).not.toBe(body.request.id);
  });

  it('refuses self requests, duplicates, requests between friends, and unknown users', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const carol = await registerUser(hub, 'carol');

    const self = await alice.api.request('POST /friends/requests', { body: { to: alice.handle } });
    expect(self.status).toBe(400);
    expect(errorOf(self)).toMatchObject({ code: 'invalid', fields: { to: expect.any(String) } });

    expect((await alice.api.send('POST /friends/requests', { body: { to: bob.handle } })).status).toBe(201);
    const duplicate = await alice.api.request('POST /friends/requests', { body: { to: bob.handle } });
    expect(duplicate.status).toBe(409);
    expect(errorOf(duplicate).code).toBe('conflict');

    await makeFriends(alice, carol);
    expect((await alice.api.request('POST /friends/requests', { body: { to: carol.handle } })).status).toBe(409);
    expect((await carol.api.request('POST /friends/requests', { body: { to: alice.handle } })).status).toBe(409);

    const nobody = await alice.api.request('POST /friends/requests', { body: { to: 'no_such_user_here' } });
    expect(nobody.status).toBe(404);
  });

  it('asking someone who already asked you accepts their request', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const first = await alice.api.send('POST /friends/requests', { body: { to: bob.handle } });
    const back = await bob.api.send('POST /friends/requests', { body: { to: alice.handle } });
    expect(back.status).toBe(201);
    expect(back.body.request).toMatchObject({ id: first.body.request.id, from: userRef(alice), to: userRef(bob), status: 'accepted' });
    expect((await alice.api.call('GET /friends')).friends).toEqual([userRef(bob)]);
    expect((await bob.api.call('GET /friends/requests')).incoming).toEqual([]);
  });

  it('two users asking each other at the same moment end up friends with no request left pending', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const answers = await Promise.all([
      alice.api.request('POST /friends/requests', { body: { to: bob.handle } }),
      bob.api.request('POST /friends/requests', { body: { to: alice.handle } }),
    ]);
    // One creates the request; the other either accepts it or collides on the pending pair (409).
    expect(answers.map((a) => a.status).sort()).toEqual(expect.arrayContaining([201]));
    for (const a of answers) expect([201, 409]).toContain(a.status);
    const pending = await alice.api.send('GET /friends/requests');
    const friends = (await alice.api.call('GET /friends')).friends;
    expect(pending.body.incoming.length + pending.body.outgoing.length + friends.length).toBe(1);
  });

  it('validates input and requires sign-in', async () => {
    const alice = await registerUser(hub, 'alice');
    const bad = await alice.api.post('/friends/requests', { to: 'Not A Handle!' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('to');
    const extra = await alice.api.post('/friends/requests', { to: 'someone', extra: 1 });
    expect(extra.status).toBe(400);
    expect((await alice.api.post('/friends/requests/not-an-id/accept')).status).toBe(400);
    expect((await alice.api.delete('/friends/NOPE')).status).toBe(400);

    const anonymous = apiClient(hub.url);
    for (const answer of [
      await anonymous.post('/friends/requests', { to: alice.handle }),
      await anonymous.get('/friends/requests'),
      await anonymous.get('/friends'),
      await anonymous.post('/friends/requests/0123456789abcdef01234567/accept'),
      await anonymous.post('/friends/requests/0123456789abcdef01234567/decline'),
      await anonymous.delete(`/friends/${alice.handle}`),
    ]) {
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthorized');
    }
  });
});

describe('friend notifications', () => {
  it('the recipient is told of a request, and the requester of its acceptance', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const { body } = await alice.api.send('POST /friends/requests', { body: { to: bob.handle } });
    const bobs = (await bob.api.call('GET /notifications')).notifications;
    expect(bobs).toEqual([
      expect.objectContaining({
        kind: 'friend_request',
        actor: userRef(alice),
        subject: expect.objectContaining({ type: 'friend_request', id: body.request.id }),
      }),
    ]);
    expect((await alice.api.call('GET /notifications')).notifications).toEqual([]);

    await bob.api.call('POST /friends/requests/:id/accept', { params: { id: body.request.id } });
    const alices = (await alice.api.call('GET /notifications')).notifications;
    expect(alices).toEqual([expect.objectContaining({ kind: 'friend_accept', actor: userRef(bob) })]);
  });

  it('a declined request tells the requester nothing', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const { body } = await alice.api.send('POST /friends/requests', { body: { to: bob.handle } });
    await bob.api.call('POST /friends/requests/:id/decline', { params: { id: body.request.id } });
    expect((await alice.api.call('GET /notifications')).notifications).toEqual([]);
  });
});

describe('unfriending', () => {
  it('removes the friendship both ways; removing a non-friend is not_found', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    await makeFriends(alice, bob);
    expect((await bob.api.send('DELETE /friends/:handle', { params: { handle: alice.handle } })).status).toBe(204);
    expect((await alice.api.call('GET /friends')).friends).toEqual([]);
    expect((await bob.api.call('GET /friends')).friends).toEqual([]);
    expect((await bob.api.request('DELETE /friends/:handle', { params: { handle: alice.handle } })).status).toBe(404);
    expect((await bob.api.request('DELETE /friends/:handle', { params: { handle: 'no_such_user_here' } })).status).toBe(404);
    // They may become friends again.
    await makeFriends(bob, alice);
  });

  it('the cached friend list is the very same array until a friendship changes, then the new one', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const carol = await registerUser(hub, 'carol');
    const friends = hub.services.friends;
    await makeFriends(alice, bob);
    const first = await friends.friendIdList(alice.id);
    expect(first).toEqual([bob.id]);
    // Unchanged: the same array (a connect that reads twice tells "no change" by identity).
    expect(await friends.friendIdList(alice.id)).toBe(first);
    await makeFriends(alice, carol);
    const second = await friends.friendIdList(alice.id);
    expect(second).not.toBe(first);
    expect([...second].sort()).toEqual([bob.id, carol.id].sort());
    await alice.api.call('DELETE /friends/:handle', { params: { handle: bob.handle } });
    const third = await friends.friendIdList(alice.id);
    expect(third).not.toBe(second);
    expect(third).toEqual([carol.id]);
    // friendIds still answers a copy of its own.
    const copy = await friends.friendIds(alice.id);
    expect(copy).toEqual([carol.id]);
    expect(copy).not.toBe(await friends.friendIdList(alice.id));
  });

  it('the relation every module checks flips at once', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const friends = hub.services.friends;
    expect(await friends.relation(bob.id, alice.id)).toBe('stranger');
    await makeFriends(alice, bob);
    expect(await friends.relation(bob.id, alice.id)).toBe('friend');
    expect(await friends.relation(alice.id, bob.id)).toBe('friend');
    expect(await friends.friendIds(alice.id)).toEqual([bob.id]);
    await alice.api.call('DELETE /friends/:handle', { params: { handle: bob.handle } });
    expect(await friends.relation(bob.id, alice.id)).toBe('stranger');
    expect(await friends.areFriends(alice.id, bob.id)).toBe(false);
    expect(await friends.friendIds(alice.id)).toEqual([]);
    expect(await friends.relation(null, alice.id)).toBe('anonymous');
    expect(await friends.relation(alice.id, alice.id)).toBe('self');
  });
});
