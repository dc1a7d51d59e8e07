/** `friend:change` tells both people at once when a friendship is made or ended, whoever acted. */
import { describe, expect, it } from 'vitest';
import { connectSocket, emitAck, engines, expectNoEvent, nextEvent, registerUser, useTestHub } from '../../helpers/index.js';

describe.each(engines)('friend:change on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('reaches both sides on accept and on unfriend, and presence:list is right at once', async () => {
    const mei = await registerUser(hub, 'mei');
    const jun = await registerUser(hub, 'jun');
    const stranger = await registerUser(hub, 'stranger');
    const [meiSocket, junSocket, strangerSocket] = await Promise.all([
      connectSocket(hub, mei.token),
      connectSocket(hub, jun.token),
      connectSocket(hub, stranger.token),
    ]);
    expect(await emitAck(meiSocket, 'presence:list', {})).toEqual({ ok: true, online: [] });

    const sent = await jun.api.send('POST /friends/requests', { body: { to: mei.handle } });
    const meiHears = nextEvent(meiSocket, 'friend:change');
    const junHears = nextEvent(junSocket, 'friend:change');
    expect((await mei.api.send('POST /friends/requests/:id/accept', { params: { id: sent.body.request.id } })).status).toBe(200);
    expect(await meiHears).toEqual({ userId: jun.id, friends: true });
    expect(await junHears).toEqual({ userId: mei.id, friends: true });
    // Right after the event, the new friend is listed online without anyone reconnecting.
    expect(await emitAck(meiSocket, 'presence:list', {})).toEqual({ ok: true, online: [jun.id] });

    const meiLoses = nextEvent(meiSocket, 'friend:change');
    const junLoses = nextEvent(junSocket, 'friend:change');
    expect((await jun.api.send('DELETE /friends/:handle', { params: { handle: mei.handle } })).status).toBe(204);
    expect(await meiLoses).toEqual({ userId: jun.id, friends: false });
    expect(await junLoses).toEqual({ userId: mei.id, friends: false });
    expect(await emitAck(meiSocket, 'presence:list', {})).toEqual({ ok: true, online: [] });
    await expectNoEvent(strangerSocket, 'friend:change');
  });
});
