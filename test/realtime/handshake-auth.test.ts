import { describe, expect, it } from 'vitest';
import { connectSocket, emitAck, engines, registerUser, useTestHub } from '../helpers/index.js';

describe.each(engines)('socket handshake on the %s engine', (engine) => {
  const hub = useTestHub({ engine });

  it('connects a signed-in user and answers a ping', async () => {
    const alice = await registerUser(hub, 'alice');
    const socket = await connectSocket(hub, alice.token);
    const answer = await emitAck(socket, 'ping', {});
    expect(answer).toMatchObject({ ok: true, at: expect.any(Number) });
  });

  it.each([
    ['no token', undefined],
    ['a garbage token', 'not-a-token'],
    ['a forged token', 'eyJzdWIiOiIwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1NjcifQ.AAAA'],
  ])('refuses %s with connect_error "unauthorized"', async (_label, token) => {
    await expect(connectSocket(hub, token)).rejects.toThrow('unauthorized');
  });

  it('answers unknown events and bad payloads with an error acknowledgement', async () => {
    const alice = await registerUser(hub, 'alice');
    const socket = await connectSocket(hub, alice.token);
    const unknown = await (socket.timeout(2000).emitWithAck as (e: string, p: unknown) => Promise<unknown>)('no:such', {});
    expect(unknown).toEqual({ ok: false, error: { code: 'invalid', message: expect.stringContaining('unknown event') } });
    const bad = await (socket.timeout(2000).emitWithAck as (e: string, p: unknown) => Promise<unknown>)('ping', { extra: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(socket.connected).toBe(true);
  });
});
