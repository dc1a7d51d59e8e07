import { describe, expect, it } from 'vitest';
import {
  connectSocket,
  emitAck,
  engines,
  expectNoEvent,
  makeFriends,
  nextEvent,
  registerUser,
  useTestHub,
  waitFor,
  type TestHub,
} from '../../helpers/index.js';

async function socketCount(hub: TestHub): Promise<number> {
  return (await hub.health()).sockets;
}

describe.each(engines)('presence on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('friends learn of the first connect and the last disconnect, several tabs counting as one; strangers learn nothing', async () => {
    const [alice, bob, stranger] = await Promise.all([registerUser(hub, 'alice'), registerUser(hub, 'bob'), registerUser(hub, 'eve')]);
    await makeFriends(alice, bob);
    const bobSocket = await connectSocket(hub, bob.token);
    const strangerSocket = await connectSocket(hub, stranger.token);

    const tab1 = await connectSocket(hub, alice.token);
    expect(await nextEvent(bobSocket, 'presence', (p) => p.userId === alice.id)).toEqual({ userId: alice.id, online: true });
    const tab2 = await connectSocket(hub, alice.token);
    const listed = await emitAck(bobSocket, 'presence:list', {});
    expect(listed).toEqual({ ok: true, online: [alice.id] });

    const before = await socketCount(hub);
    tab1.close();
    // A second tab is still open: once the server has seen the first go, there is no "offline".
    await waitFor(async () => (await socketCount(hub)) === before - 1);
    await emitAck(tab2, 'ping', {});
    await expectNoEvent(bobSocket, 'presence', (p) => p.userId === alice.id && !p.online);

    tab2.close();
    expect(await nextEvent(bobSocket, 'presence', (p) => p.userId === alice.id && !p.online)).toEqual({ userId: alice.id, online: false });
    expect(await emitAck(bobSocket, 'presence:list', {})).toEqual({ ok: true, online: [] });
    await expectNoEvent(strangerSocket, 'presence');
  });

  it('presence:list names only friends, and refuses a payload with fields', async () => {
    const [alice, bob, stranger] = await Promise.all([registerUser(hub, 'alice'), registerUser(hub, 'bob'), registerUser(hub, 'eve')]);
    await makeFriends(alice, bob);
    await connectSocket(hub, stranger.token);
    const aliceSocket = await connectSocket(hub, alice.token);
    expect(await emitAck(aliceSocket, 'presence:list', {})).toEqual({ ok: true, online: [] });
    await connectSocket(hub, bob.token);
    expect(await emitAck(aliceSocket, 'presence:list', {})).toEqual({ ok: true, online: [bob.id] });
    const bad = await emitAck(aliceSocket, 'presence:list', { userId: stranger.id } as unknown as Record<string, never>);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});
