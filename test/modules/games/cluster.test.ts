import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MatchDto } from '../../../shared/dto.js';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';
import {
  closeAllSockets,
  connectSocket,
  engines,
  nextEvent,
  received,
  settle,
  startTestHub,
  startTestRedis,
  type TestHub,
  type TestRedis,
  waitFor,
} from '../../helpers/index.js';
import { friendPair, invite, move, startMatch } from './game-fixtures.js';

const timings = { INVITE_TTL_MS: '1500', FORFEIT_MS: '700', GAME_SWEEP_MS: '250' };
const wait = 10_000;

describe.each(engines)('games across a cluster on %s', (engine) => {
  let store: EmbeddedStore;
  let storeDir: string;
  let redis: TestRedis;
  let a: TestHub;
  let b: TestHub;
  const redisPrefix = `g${randomBytes(4).toString('hex')}`;
  const node = () => startTestHub({ engine, redisUrl: redis.url, redisPrefix, mongodbUri: `${store.uri}/kongjian`, env: timings });

  beforeAll(async () => {
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-games-store-'));
    store = await startEmbeddedStore({ dir: storeDir });
    redis = await startTestRedis();
    [a, b] = await Promise.all([node(), node()]);
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.close();
    await store?.close();
    await fs.rm(storeDir, { recursive: true, force: true });
  });

  it('players on different nodes play a match: every state reaches both, and a reconnect elsewhere catches up', async () => {
    const [alice, bob] = await friendPair(a);
    const aliceSocket = await connectSocket(a, alice.token);
    const bobSocket = await connectSocket(b, bob.token);

    const sent = await invite(alice, bob);
    expect((await nextEvent(bobSocket, 'invite', (p) => p.invite.id === sent.id)).invite.status).toBe('pending');
    const accepted = await bob.api.send('POST /invites/:id/accept', { params: { id: sent.id } });
    expect(accepted.status).toBe(200);
    const matchId = accepted.body.match.id;
    await nextEvent(aliceSocket, 'invite', (p) => p.invite.status === 'accepted');
    for (const socket of [aliceSocket, bobSocket]) {
      expect((await nextEvent(socket, 'game:state', (p) => p.match.id === matchId)).match.moves).toEqual([]);
    }

    const states: MatchDto[] = [];
    for (let i = 0; i < 5; i++) {
      states.push(await move(aliceSocket, matchId, i, 0));
      if (i < 4) states.push(await move(bobSocket, matchId, i, 1));
    }
    expect(states.at(-1)).toMatchObject({ status: 'finished', winner: alice.id, endReason: 'five' });
    // Every state reaches both players. Two in a row may arrive in either order: a move made on a
    // player's own node is pushed at once, while the one just before it, made on the other node, can
    // still be on its way through Redis (the match page keeps the state with the most moves).
    for (const socket of [aliceSocket, bobSocket]) {
      const ofMatch = () => received(socket, 'game:state').filter((p) => p.match.id === matchId && p.match.moves.length > 0);
      await waitFor(() => ofMatch().length >= states.length, { timeoutMs: wait, what: 'every state of the match' });
      expect(
        ofMatch()
          .map((p) => p.match)
          .sort((x, y) => x.moves.length - y.moves.length),
      ).toEqual(states);
    }

    // A new match; Bob moves over to the other node mid-match and is caught up there.
    const second = await startMatch(bob, alice);
    await move(await connectSocket(b, bob.token), second.id, 7, 7);
    const bobOnA = await connectSocket(a, bob.token);
    const caughtUp = await nextEvent(bobOnA, 'game:state', (p) => p.match.id === second.id);
    expect(caughtUp.match.moves).toHaveLength(1);
    expect(caughtUp.match.turn).toBe(alice.id);
  });

  it('a player who leaves one node forfeits; one still connected on another node does not', async () => {
    const [alice, bob] = await friendPair(a);
    const [carol, dave] = await friendPair(a, 'carol', 'dave');
    const aliceSocket = await connectSocket(a, alice.token);
    const bobOnA = await connectSocket(a, bob.token);
    const bobOnB = await connectSocket(b, bob.token);
    const carolSocket = await connectSocket(a, carol.token);
    const daveSocket = await connectSocket(b, dave.token);
    const kept = await startMatch(alice, bob);
    const lost = await startMatch(carol, dave);
    await settle(bobOnB);
    await settle(daveSocket);

    bobOnB.close(); // Bob is still there, on node a
    daveSocket.close(); // Dave is gone altogether
    const over = await nextEvent(carolSocket, 'game:state', (p) => p.match.id === lost.id && p.match.status === 'finished', wait);
    expect(over.match).toMatchObject({ winner: carol.id, endReason: 'forfeit' });

    await Promise.all([a.services.games.sweepNow(), b.services.games.sweepNow()]);
    await settle(aliceSocket);
    await settle(bobOnA);
    expect(received(aliceSocket, 'game:state').filter((p) => p.match.id === kept.id && p.match.status === 'finished')).toEqual([]);
    expect((await alice.api.call('GET /matches/:id', { params: { id: kept.id } })).match.status).toBe('active');
  });

  it("an invite made on a node that then goes away still expires, once, through the other nodes' sweeps", async () => {
    const c = await node();
    const [alice, bob] = await friendPair(c);
    const aliceSocket = await connectSocket(a, alice.token);
    const bobSocket = await connectSocket(b, bob.token);
    const sent = await invite(alice, bob);
    await c.close(); // its expiry timer goes with it

    const isExpired = (p: { invite: { id: string; status: string } }) => p.invite.id === sent.id && p.invite.status === 'expired';
    await Promise.all([nextEvent(aliceSocket, 'invite', isExpired, wait), nextEvent(bobSocket, 'invite', isExpired, wait)]);
    await Promise.all([a.services.games.sweepNow(), b.services.games.sweepNow()]);
    await settle(aliceSocket);
    await settle(bobSocket);
    expect(received(aliceSocket, 'invite').filter(isExpired)).toHaveLength(1);
    expect(received(bobSocket, 'invite').filter(isExpired)).toHaveLength(1);
  });
});
