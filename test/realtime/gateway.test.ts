import { describe, expect, it } from 'vitest';
import { connectSocket, emitAck, engines, nextEvent, registerUser, useTestHub } from '../helpers/index.js';

describe.each(engines)('the socket gateway on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('answers an unknown event with an error acknowledgement', async () => {
    const alice = await registerUser(hub, 'alice');
    const socket = await connectSocket(hub, alice.token);
    const answer = await (socket.timeout(5_000).emitWithAck as (e: string, p: unknown) => Promise<unknown>)('no:such', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(socket.connected).toBe(true);
  });

  it('answers a bad payload with invalid, and an unacknowledged one with a notice', async () => {
    const alice = await registerUser(hub, 'alice');
    const socket = await connectSocket(hub, alice.token);
    for (const payload of [{ after: 'x' }, { after: 1.5 }, 'nope', null, { after: 0, more: 1 }]) {
      const answer = await emitAck(socket, 'notifications:sync', payload as unknown as { after: number });
      expect(answer, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    (socket.emit as (e: string, p: unknown) => void)('notifications:sync', { after: -5 });
    expect(await nextEvent(socket, 'server:notice')).toMatchObject({ code: 'invalid' });
    expect(await emitAck(socket, 'notifications:sync', { after: 0 })).toMatchObject({ ok: true, notifications: [], unread: 0 });
  });

  it('cuts off a flooding socket and tells it why', async () => {
    const alice = await registerUser(hub, 'alice');
    const socket = await connectSocket(hub, alice.token);
    const bystander = await connectSocket(hub, alice.token);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    // Far past the burst (40 × the test hub's rate-limit scale) in one go.
    for (let i = 0; i < 5_000 && socket.connected; i++) socket.emit('ping', {}, () => {});
    const notice = await nextEvent(socket, 'server:notice', (n) => /disconnected/.test(n.message), 10_000);
    expect(notice.code).toBe('rate_limited');
    expect(await disconnected).toBe('io server disconnect');
    // Only the flooding socket is cut off.
    expect(await emitAck(bystander, 'ping', {})).toMatchObject({ ok: true });
  });
});
