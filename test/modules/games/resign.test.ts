/** Resigning: the other player wins at once, both hear it live, and nothing more can be played. */
import { describe, expect, it } from 'vitest';
import { connectSocket, emitAck, engines, makeFriends, nextEvent, registerUser, useTestHub } from '../../helpers/index.js';

describe.each(engines)('resigning a match on %s', (engine) => {
  const hub = useTestHub({ engine });

  async function startMatch() {
    const black = await registerUser(hub, 'black');
    const white = await registerUser(hub, 'white');
    await makeFriends(black, white);
    const invite = (await black.api.call('POST /invites', { body: { to: white.handle, game: 'gomoku' } })).invite;
    const accepted = await white.api.send('POST /invites/:id/accept', { params: { id: invite.id } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    return { black, white, matchId: accepted.body.match.id };
  }

  it('ends an active match with the other player as winner, pushed to both', async () => {
    const { black, white, matchId } = await startMatch();
    const [blackSocket, whiteSocket] = await Promise.all([connectSocket(hub, black.token), connectSocket(hub, white.token)]);
    expect((await emitAck(blackSocket, 'game:move', { matchId, x: 7, y: 7 })).ok).toBe(true);

    const toBlack = nextEvent(blackSocket, 'game:state', (p) => p.match.status === 'finished');
    const toWhite = nextEvent(whiteSocket, 'game:state', (p) => p.match.status === 'finished');
    const res = await white.api.send('POST /matches/:id/resign', { params: { id: matchId } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.match).toMatchObject({ status: 'finished', winner: black.id, endReason: 'resign', turn: null });
    expect((await toBlack).match.winner).toBe(black.id);
    expect((await toWhite).match.endReason).toBe('resign');

    const late = await emitAck(blackSocket, 'game:move', { matchId, x: 8, y: 8 });
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await black.api.request('POST /matches/:id/resign', { params: { id: matchId } })).status).toBe(409);
  });

  it('is for the match’s players only', async () => {
    const { matchId } = await startMatch();
    const stranger = await registerUser(hub, 'stranger');
    expect((await stranger.api.request('POST /matches/:id/resign', { params: { id: matchId } })).status).toBe(404);
    expect((await stranger.api.request('POST /matches/:id/resign', { params: { id: '0123456789abcdef01234567' } })).status).toBe(404);
  });
});
