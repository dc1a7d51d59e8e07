import { describe, expect, it } from 'vitest';
import { connectSocket, engines, errorOf, expectNoEvent, nextEvent, received, settle, useTestHub } from '../../helpers/index.js';
import { friendPair, invite, move, startMatch } from './game-fixtures.js';

/** Short enough to await, long enough for an accept to land first on a busy machine. */
const timings = { INVITE_TTL_MS: '1500', FORFEIT_MS: '700', GAME_SWEEP_MS: '250' };
const wait = 10_000;

describe.each(engines)('invite expiry and forfeits on %s', (engine) => {
  const hub = useTestHub({ engine, env: timings });

  it('an unanswered invite expires: pushed to both as expired, and accepting it then changes nothing', async () => {
    const [alice, bob] = await friendPair(hub);
    const aliceSocket = await connectSocket(hub, alice.token);
    const bobSocket = await connectSocket(hub, bob.token);
    const sent = await invite(alice, bob);

    const isExpired = (p: { invite: { id: string; status: string } }) => p.invite.id === sent.id && p.invite.status === 'expired';
    const [forAlice, forBob] = await Promise.all([
      nextEvent(aliceSocket, 'invite', isExpired, wait),
      nextEvent(bobSocket, 'invite', isExpired, wait),
    ]);
    expect(forAlice.invite).toEqual(forBob.invite);
    expect(forBob.invite).toMatchObject({ status: 'expired', matchId: null });

    const late = await bob.api.request('POST /invites/:id/accept', { params: { id: sent.id } });
    expect(late.status).toBe(409);
    expect(errorOf(late).code).toBe('conflict');
    expect((await bob.api.call('GET /invites/:id', { params: { id: sent.id } })).invite.status).toBe('expired');
    expect((await bob.api.call('GET /invites')).incoming).toEqual([]);
    expect((await bob.api.call('GET /spaces/:handle/matches', { params: { handle: bob.handle } })).matches).toEqual([]);

    // Expired exactly once: one push each, and the pair may invite again.
    await hub.services.games.sweepNow();
    await settle(aliceSocket);
    await settle(bobSocket);
    expect(received(aliceSocket, 'invite').filter(isExpired)).toHaveLength(1);
    expect(received(bobSocket, 'invite').filter(isExpired)).toHaveLength(1);
    await invite(bob, alice);
  });

  it('the invite still expires when the inviter has gone', async () => {
    const [alice, bob] = await friendPair(hub);
    const aliceSocket = await connectSocket(hub, alice.token);
    const bobSocket = await connectSocket(hub, bob.token);
    const sent = await invite(alice, bob);
    aliceSocket.close();

    const pushed = await nextEvent(bobSocket, 'invite', (p) => p.invite.id === sent.id && p.invite.status === 'expired', wait);
    expect(pushed.invite.from.id).toBe(alice.id);
    expect((await alice.api.call('GET /invites/:id', { params: { id: sent.id } })).invite.status).toBe('expired');
  });

  it('a player who leaves a match forfeits; the other is told', async () => {
    const [alice, bob] = await friendPair(hub);
    const aliceSocket = await connectSocket(hub, alice.token);
    const bobSocket = await connectSocket(hub, bob.token);
    const { id } = await startMatch(alice, bob);
    await move(aliceSocket, id, 7, 7);
    await settle(bobSocket);
    bobSocket.close();

    const over = await nextEvent(aliceSocket, 'game:state', (p) => p.match.id === id && p.match.status === 'finished', wait);
    expect(over.match).toMatchObject({ status: 'finished', winner: alice.id, endReason: 'forfeit', turn: null });
    expect(over.match.moves).toHaveLength(1);
    expect((await alice.api.call('GET /matches/:id', { params: { id } })).match).toEqual(over.match);
    // The loser sees the outcome when back; the match is no longer pushed as active.
    const bobAgain = await connectSocket(hub, bob.token);
    await expectNoEvent(bobAgain, 'game:state', (p) => p.match.id === id);
    expect((await bob.api.call('GET /matches/:id', { params: { id } })).match.endReason).toBe('forfeit');
  });

  it('a player who comes back in time does not forfeit', async () => {
    const [alice, bob] = await friendPair(hub, 'alice', 'bob');
    const [carol, dave] = await friendPair(hub, 'carol', 'dave');
    const aliceSocket = await connectSocket(hub, alice.token);
    const bobSocket = await connectSocket(hub, bob.token);
    const carolSocket = await connectSocket(hub, carol.token);
    const daveSocket = await connectSocket(hub, dave.token);
    const kept = await startMatch(alice, bob);
    const lost = await startMatch(carol, dave);
    await settle(bobSocket);
    await settle(daveSocket);

    bobSocket.close();
    daveSocket.close();
    const bobBack = await connectSocket(hub, bob.token);
    expect((await nextEvent(bobBack, 'game:state', (p) => p.match.id === kept.id)).match.status).toBe('active');

    // Dave left no earlier than Bob: once Dave's forfeit is in, Bob's deadline has passed too.
    await nextEvent(carolSocket, 'game:state', (p) => p.match.id === lost.id && p.match.endReason === 'forfeit', wait);
    await hub.services.games.sweepNow();
    await expectNoEvent(aliceSocket, 'game:state', (p) => p.match.id === kept.id && p.match.status === 'finished');
    expect((await alice.api.call('GET /matches/:id', { params: { id: kept.id } })).match.status).toBe('active');
    expect((await move(aliceSocket, kept.id, 7, 7)).status).toBe('active');
  });
});
