import { describe, expect, it } from 'vitest';
import type { MatchDto } from '../../../shared/dto.js';
import {
  apiClient,
  connectSocket,
  emitAck,
  engines,
  errorOf,
  expectNoEvent,
  makeFriends,
  nextEvent,
  received,
  registerUser,
  settle,
  type TestSocket,
  useTestHub,
} from '../../helpers/index.js';
import { friendPair, move, startMatch } from './game-fixtures.js';

describe.each(engines)('gomoku matches on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('two players play a whole match to a win; both see every state, and it is kept for replay', async () => {
    const [alice, bob] = await friendPair(hub);
    const aliceSocket = await connectSocket(hub, alice.token);
    const bobSocket = await connectSocket(hub, bob.token);
    const start = await startMatch(alice, bob);
    await nextEvent(aliceSocket, 'game:state');
    await nextEvent(bobSocket, 'game:state');

    // Alice (black, first) builds a row on y = 7; Bob answers on y = 8 without ever blocking.
    const states: MatchDto[] = [];
    for (let i = 0; i < 5; i++) {
      states.push(await move(aliceSocket, start.id, 3 + i, 7));
      if (i < 4) states.push(await move(bobSocket, start.id, 3 + i, 9));
    }
    const final = states.at(-1) as MatchDto;
    expect(final).toMatchObject({ status: 'finished', winner: alice.id, turn: null, endReason: 'five' });
    expect(final.moves).toHaveLength(9);
    expect(final.moves[0]).toMatchObject({ x: 3, y: 7, by: alice.id });
    expect(final.board[7]?.slice(3, 8)).toEqual([1, 1, 1, 1, 1]);
    expect(final.board[9]?.slice(3, 7)).toEqual([2, 2, 2, 2]);

    // Both players got every state, in order, equal to what the mover was answered.
    for (const socket of [aliceSocket, bobSocket]) {
      for (const state of states) expect((await nextEvent(socket, 'game:state')).match).toEqual(state);
    }
    await settle(aliceSocket);
    await settle(bobSocket);
    expect(received(aliceSocket, 'game:state')).toHaveLength(states.length + 1);
    expect(received(bobSocket, 'game:state')).toHaveLength(states.length + 1);

    // Replay: the stored match holds every move.
    const stored = await bob.api.send('GET /matches/:id', { params: { id: start.id } });
    expect(stored.status).toBe(200);
    expect(stored.body.match).toEqual(final);
    const history = await alice.api.send('GET /spaces/:handle/matches', { params: { handle: alice.handle } });
    expect(history.body.matches.map((m: MatchDto) => m.id)).toEqual([start.id]);
  });

  it('every illegal move is refused and changes nothing', async () => {
    const [alice, bob] = await friendPair(hub);
    const carol = await registerUser(hub, 'carol');
    const aliceSocket = await connectSocket(hub, alice.token);
    const bobSocket = await connectSocket(hub, bob.token);
    const carolSocket = await connectSocket(hub, carol.token);
    const { id } = await startMatch(alice, bob);
    const first = await move(aliceSocket, id, 7, 7);
    await nextEvent(bobSocket, 'game:state', (p) => p.match.moves.length === 1);

    const refusals: Array<[TestSocket, unknown, string]> = [
      [aliceSocket, { matchId: id, x: 8, y: 8 }, 'conflict'], // out of turn
      [bobSocket, { matchId: id, x: 7, y: 7 }, 'conflict'], // occupied
      [bobSocket, { matchId: id, x: 15, y: 0 }, 'invalid'], // off the board
      [bobSocket, { matchId: id, x: -1, y: 3 }, 'invalid'],
      [bobSocket, { matchId: id, x: 1.5, y: 3 }, 'invalid'],
      [bobSocket, { matchId: id, x: '3', y: 3 }, 'invalid'], // bad payloads
      [bobSocket, { matchId: id, x: 3 }, 'invalid'],
      [bobSocket, { matchId: 'nope', x: 3, y: 3 }, 'invalid'],
      [bobSocket, { matchId: id, x: 3, y: 3, extra: true }, 'invalid'],
      [bobSocket, 'not an object', 'invalid'],
      [carolSocket, { matchId: id, x: 3, y: 3 }, 'not_found'], // not a player
      [bobSocket, { matchId: '0123456789abcdef01234567', x: 3, y: 3 }, 'not_found'],
    ];
    for (const [socket, payload, code] of refusals) {
      const ack = await emitAck(socket, 'game:move', payload as never);
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code } });
    }
    expect((await alice.api.call('GET /matches/:id', { params: { id } })).match).toEqual(first);
    // Nobody was told of a change.
    await expectNoEvent(aliceSocket, 'game:state', (p) => p.match.moves.length > 1);
    await expectNoEvent(bobSocket, 'game:state', (p) => p.match.moves.length > 1);
    await expectNoEvent(carolSocket, 'game:state');

    // A finished match takes no more moves.
    for (let i = 0; i < 4; i++) {
      await move(bobSocket, id, i, 0);
      await move(aliceSocket, id, 8 + i, 7);
    }
    const over = await alice.api.send('GET /matches/:id', { params: { id } });
    expect(over.body.match).toMatchObject({ status: 'finished', winner: alice.id });
    const late = await emitAck(bobSocket, 'game:move', { matchId: id, x: 5, y: 5 });
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await alice.api.call('GET /matches/:id', { params: { id } })).match).toEqual(over.body.match);
  });

  it('two racing moves: exactly one is played, the other is refused', async () => {
    const [alice, bob] = await friendPair(hub);
    const aliceSocket = await connectSocket(hub, alice.token);
    const aliceTablet = await connectSocket(hub, alice.token);
    const { id } = await startMatch(alice, bob);

    const acks = await Promise.all([
      emitAck(aliceSocket, 'game:move', { matchId: id, x: 1, y: 1 }),
      emitAck(aliceTablet, 'game:move', { matchId: id, x: 2, y: 2 }),
    ]);
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    expect(acks.filter((a) => !a.ok)).toMatchObject([{ error: { code: 'conflict' } }]);
    const stored = (await bob.api.call('GET /matches/:id', { params: { id } })).match as MatchDto;
    expect(stored.moves).toHaveLength(1);
    expect(stored.turn).toBe(bob.id);
  });

  it('a player who reconnects mid-match gets its current state', async () => {
    const [alice, bob] = await friendPair(hub);
    const aliceSocket = await connectSocket(hub, alice.token);
    const { id } = await startMatch(alice, bob);
    await move(aliceSocket, id, 7, 7);
    const bobSocket = await connectSocket(hub, bob.token);
    const caughtUp = await nextEvent(bobSocket, 'game:state', (p) => p.match.id === id);
    expect(caughtUp.match).toMatchObject({ id, status: 'active', turn: bob.id });
    expect(caughtUp.match.moves).toHaveLength(1);
    bobSocket.close();

    // Back again on a fresh connection: caught up once more, and able to play on.
    const bobAgain = await connectSocket(hub, bob.token);
    expect((await nextEvent(bobAgain, 'game:state', (p) => p.match.id === id)).match.moves).toHaveLength(1);
    expect((await move(bobAgain, id, 8, 8)).moves).toHaveLength(2);
  });

  it('a match is seen by its players and their friends; others get not_found', async () => {
    const [alice, bob] = await friendPair(hub);
    const carol = await registerUser(hub, 'carol');
    const stranger = await registerUser(hub, 'stranger');
    await makeFriends(carol, bob);
    const { id } = await startMatch(alice, bob);

    expect((await alice.api.send('GET /matches/:id', { params: { id } })).status).toBe(200);
    expect((await carol.api.send('GET /matches/:id', { params: { id } })).status).toBe(200);
    const hidden = await stranger.api.request('GET /matches/:id', { params: { id } });
    expect(hidden.status).toBe(404);
    expect(errorOf(hidden).code).toBe('not_found');
    expect((await apiClient(hub.url).get(`/matches/${id}`)).status).toBe(401);

    // A space's matches: its owner and friends see them; a stranger sees none.
    expect(
      (await carol.api.call('GET /spaces/:handle/matches', { params: { handle: bob.handle } })).matches.map((m: MatchDto) => m.id),
    ).toEqual([id]);
    expect((await stranger.api.call('GET /spaces/:handle/matches', { params: { handle: bob.handle } })).matches).toEqual([]);
    expect((await apiClient(hub.url).get(`/spaces/${bob.handle}/matches`)).body.matches).toEqual([]);
    expect((await carol.api.request('GET /spaces/:handle/matches', { params: { handle: 'nobody_here_at_all' } })).status).toBe(404);
  });

  it("a space's matches page newest first", async () => {
    const [alice, bob] = await friendPair(hub);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await startMatch(i % 2 ? bob : alice, i % 2 ? alice : bob);
      ids.unshift(m.id);
    }
    const page1 = await alice.api.send('GET /spaces/:handle/matches', { params: { handle: alice.handle }, query: { limit: 2 } });
    expect(page1.body.matches.map((m: MatchDto) => m.id)).toEqual(ids.slice(0, 2));
    expect(page1.body.next).toBe(ids[1]);
    const page2 = await alice.api.send('GET /spaces/:handle/matches', {
      params: { handle: alice.handle },
      query: { limit: 2, before: page1.body.next ?? undefined },
    });
    expect(page2.body.matches.map((m: MatchDto) => m.id)).toEqual(ids.slice(2));
    expect(page2.body.next).toBeNull();
    expect((await alice.api.get(`/spaces/${alice.handle}/matches?before=xyz`)).status).toBe(400);
  });
});
