import { describe, expect, it } from 'vitest';
import {
  apiClient,
  connectSocket,
  engines,
  errorOf,
  expectNoEvent,
  nextEvent,
  registerUser,
  userRef,
  useTestHub,
} from '../../helpers/index.js';
import { friendPair, invite } from './game-fixtures.js';

describe.each(engines)('game invites on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('lists gomoku among the games, to anyone', async () => {
    const res = await apiClient(hub.url).get('/games');
    expect(res.status).toBe(200);
    expect(res.body.games).toContainEqual({ id: 'gomoku', name: expect.any(String), players: 2 });
  });

  it('a friend is invited: both players get the invite live, the invitee a notification', async () => {
    const [alice, bob] = await friendPair(hub);
    const aliceSocket = await connectSocket(hub, alice.token);
    const bobSocket = await connectSocket(hub, bob.token);

    const before = Date.now();
    const res = await alice.api.send('POST /invites', { body: { to: bob.handle, game: 'gomoku' } });
    expect(res.status).toBe(201);
    const sent = res.body.invite;
    expect(sent).toMatchObject({ from: userRef(alice), to: userRef(bob), game: 'gomoku', status: 'pending', matchId: null });
    const ttl = Date.parse(sent.expiresAt) - before;
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(61_000);

    expect((await nextEvent(bobSocket, 'invite')).invite).toEqual(sent);
    expect((await nextEvent(aliceSocket, 'invite')).invite).toEqual(sent);
    const note = await nextEvent(bobSocket, 'notification', (n) => n.notification.kind === 'invite');
    expect(note.notification.actor).toEqual(userRef(alice));
    expect(note.notification.subject).toMatchObject({ type: 'invite', id: sent.id });

    const listed = await bob.api.send('GET /invites');
    expect(listed.body).toEqual({ incoming: [sent], outgoing: [] });
    expect(await alice.api.call('GET /invites')).toEqual({ incoming: [], outgoing: [sent] });
  });

  it('only friends can be invited, to a game that exists', async () => {
    const alice = await registerUser(hub, 'alice');
    const stranger = await registerUser(hub, 'stranger');
    const strangerSocket = await connectSocket(hub, stranger.token);

    const notFriend = await alice.api.request('POST /invites', { body: { to: stranger.handle, game: 'gomoku' } });
    expect(notFriend.status).toBe(403);
    expect(errorOf(notFriend).code).toBe('forbidden');
    await expectNoEvent(strangerSocket, 'invite');

    const [carol, dave] = await friendPair(hub, 'carol', 'dave');
    const unknownGame = await carol.api.post('/invites', { to: dave.handle, game: 'chess' });
    expect(unknownGame.status).toBe(400);
    expect(unknownGame.body.error.fields).toHaveProperty('game');
    expect((await carol.api.request('POST /invites', { body: { to: 'nobody_here_at_all', game: 'gomoku' } })).status).toBe(404);
    expect((await carol.api.post('/invites', { to: carol.handle, game: 'gomoku' })).status).toBe(400);
    expect((await carol.api.post('/invites', { to: dave.handle, game: 'gomoku', extra: 1 })).status).toBe(400);
    expect((await apiClient(hub.url).post('/invites', { to: dave.handle, game: 'gomoku' })).status).toBe(401);
    expect((await dave.api.call('GET /invites')).incoming).toEqual([]);
  });

  it('a second pending invite between the same two for the same game is a conflict, either way round', async () => {
    const [alice, bob] = await friendPair(hub);
    await invite(alice, bob);
    const again = await alice.api.request('POST /invites', { body: { to: bob.handle, game: 'gomoku' } });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('conflict');
    expect((await bob.api.request('POST /invites', { body: { to: alice.handle, game: 'gomoku' } })).status).toBe(409);
    expect((await bob.api.call('GET /invites')).incoming).toHaveLength(1);
  });

  it('concurrent invites between the same pair: exactly one is created', async () => {
    const [alice, bob] = await friendPair(hub);
    const answers = await Promise.all([
      alice.api.request('POST /invites', { body: { to: bob.handle, game: 'gomoku' } }),
      alice.api.request('POST /invites', { body: { to: bob.handle, game: 'gomoku' } }),
      bob.api.request('POST /invites', { body: { to: alice.handle, game: 'gomoku' } }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
  });

  it('a declined invite is pushed to both; it can be answered only once, and only by the invitee', async () => {
    const [alice, bob] = await friendPair(hub);
    const carol = await registerUser(hub, 'carol');
    const aliceSocket = await connectSocket(hub, alice.token);
    const bobSocket = await connectSocket(hub, bob.token);
    const sent = await invite(alice, bob);

    expect((await alice.api.request('POST /invites/:id/accept', { params: { id: sent.id } })).status).toBe(403);
    expect((await alice.api.request('POST /invites/:id/decline', { params: { id: sent.id } })).status).toBe(403);
    expect((await carol.api.request('POST /invites/:id/accept', { params: { id: sent.id } })).status).toBe(404);
    expect((await carol.api.request('GET /invites/:id', { params: { id: sent.id } })).status).toBe(404);
    expect((await bob.api.request('POST /invites/:id/cancel', { params: { id: sent.id } })).status).toBe(403);

    const declined = await bob.api.send('POST /invites/:id/decline', { params: { id: sent.id } });
    expect(declined.status).toBe(200);
    expect(declined.body.invite).toMatchObject({ id: sent.id, status: 'declined' });
    expect((await nextEvent(aliceSocket, 'invite', (p) => p.invite.status === 'declined')).invite).toEqual(declined.body.invite);
    expect((await nextEvent(bobSocket, 'invite', (p) => p.invite.status === 'declined')).invite).toEqual(declined.body.invite);

    const late = await bob.api.request('POST /invites/:id/accept', { params: { id: sent.id } });
    expect(late.status).toBe(409);
    expect((await bob.api.call('GET /invites/:id', { params: { id: sent.id } })).invite.status).toBe('declined');
    // Once decided, the pair may play again.
    await invite(bob, alice);
  });

  it('the inviter can cancel; the cancellation is pushed to both', async () => {
    const [alice, bob] = await friendPair(hub);
    const aliceSocket = await connectSocket(hub, alice.token);
    const bobSocket = await connectSocket(hub, bob.token);
    const sent = await invite(alice, bob);

    const cancelled = await alice.api.send('POST /invites/:id/cancel', { params: { id: sent.id } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.invite.status).toBe('cancelled');
    await nextEvent(bobSocket, 'invite', (p) => p.invite.id === sent.id && p.invite.status === 'cancelled');
    await nextEvent(aliceSocket, 'invite', (p) => p.invite.id === sent.id && p.invite.status === 'cancelled');
    expect((await bob.api.request('POST /invites/:id/accept', { params: { id: sent.id } })).status).toBe(409);
    expect((await bob.api.call('GET /invites')).incoming).toEqual([]);
  });

  it('accepting starts a match: both get the accepted invite and the first game state', async () => {
    const [alice, bob] = await friendPair(hub);
    const aliceSocket = await connectSocket(hub, alice.token);
    const bobSocket = await connectSocket(hub, bob.token);
    const sent = await invite(alice, bob);

    const res = await bob.api.send('POST /invites/:id/accept', { params: { id: sent.id } });
    expect(res.status).toBe(200);
    const { invite: accepted, match } = res.body;
    expect(accepted).toMatchObject({ id: sent.id, status: 'accepted', matchId: match.id });
    expect(match).toMatchObject({
      game: 'gomoku',
      players: [userRef(alice), userRef(bob)],
      turn: alice.id,
      winner: null,
      moves: [],
      status: 'active',
    });
    expect(match.board).toHaveLength(15);
    expect(match.board.every((row: number[]) => row.length === 15 && row.every((c) => c === 0))).toBe(true);

    for (const socket of [aliceSocket, bobSocket]) {
      expect((await nextEvent(socket, 'invite', (p) => p.invite.status === 'accepted')).invite).toEqual(accepted);
      expect((await nextEvent(socket, 'game:state')).match).toEqual(match);
    }
    // A retried accept answers the same match; a decline after it is refused.
    const retry = await bob.api.send('POST /invites/:id/accept', { params: { id: sent.id } });
    expect(retry.status).toBe(200);
    expect(retry.body.match.id).toBe(match.id);
    expect((await bob.api.request('POST /invites/:id/decline', { params: { id: sent.id } })).status).toBe(409);
  });

  it('an invite from someone since unfriended cannot be accepted', async () => {
    const [alice, bob] = await friendPair(hub);
    const sent = await invite(alice, bob);
    expect((await alice.api.send('DELETE /friends/:handle', { params: { handle: bob.handle } })).status).toBe(204);
    const res = await bob.api.request('POST /invites/:id/accept', { params: { id: sent.id } });
    expect(res.status).toBe(403);
    expect((await bob.api.call('GET /invites/:id', { params: { id: sent.id } })).invite.status).toBe('pending');
    expect((await bob.api.send('POST /invites/:id/decline', { params: { id: sent.id } })).status).toBe(200);
  });

  it('bad ids are refused as invalid', async () => {
    const [, bob] = await friendPair(hub);
    const res = await bob.api.post('/invites/not-an-id/accept');
    expect(res.status).toBe(400);
    expect((await bob.api.request('POST /invites/:id/accept', { params: { id: '0123456789abcdef01234567' } })).status).toBe(404);
  });
});
