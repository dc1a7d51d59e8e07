import { describe, expect, it } from 'vitest';
import {
  apiClient,
  connectSocket,
  emitAck,
  engines,
  expectNoEvent,
  nextEvent,
  received,
  registerUser,
  settle,
  useTestHub,
  userRef,
} from '../../helpers/index.js';

describe.each(engines)('visits on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('a visit by REST is pushed live to the owner only, and counted once per window', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const carol = await registerUser(hub, 'carol');
    const aliceSocket = await connectSocket(hub, alice.token);
    const bobSocket = await connectSocket(hub, bob.token);
    const carolSocket = await connectSocket(hub, carol.token);

    const visit = await bob.api.send('POST /spaces/:handle/visit', { params: { handle: alice.handle } });
    expect(visit.status).toBe(204);
    const pushed = await nextEvent(aliceSocket, 'space:visitor');
    expect(pushed.visitor).toEqual(userRef(bob));
    expect(Number.isNaN(Date.parse(pushed.at))).toBe(false);
    await expectNoEvent(bobSocket, 'space:visitor');
    await expectNoEvent(carolSocket, 'space:visitor');

    // Again within 30 minutes: not counted, not pushed.
    expect((await bob.api.send('POST /spaces/:handle/visit', { params: { handle: alice.handle } })).status).toBe(204);
    await settle(aliceSocket);
    expect(received(aliceSocket, 'space:visitor')).toHaveLength(1);
    expect((await apiClient(hub.url).get(`/spaces/${alice.handle}`)).body.space.stats.visits).toBe(1);
  });

  it('space:enter records a visit exactly as the REST call does', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const aliceSocket = await connectSocket(hub, alice.token);
    const bobSocket = await connectSocket(hub, bob.token);

    expect(await emitAck(bobSocket, 'space:enter', { handle: alice.handle })).toEqual({ ok: true });
    expect((await nextEvent(aliceSocket, 'space:visitor')).visitor).toEqual(userRef(bob));
    await expectNoEvent(bobSocket, 'space:visitor');
    expect(await emitAck(bobSocket, 'space:enter', { handle: alice.handle })).toEqual({ ok: true });
    expect((await bob.api.send('POST /spaces/:handle/visit', { params: { handle: alice.handle } })).status).toBe(204);
    await settle(aliceSocket);
    expect(received(aliceSocket, 'space:visitor')).toHaveLength(1);

    const space = (await alice.api.call('GET /spaces/:handle', { params: { handle: alice.handle } })).space;
    expect(space.stats.visits).toBe(1);
  });

  it('the owner’s own visits are not recorded', async () => {
    const alice = await registerUser(hub, 'alice');
    const aliceSocket = await connectSocket(hub, alice.token);
    expect((await alice.api.send('POST /spaces/:handle/visit', { params: { handle: alice.handle } })).status).toBe(204);
    expect(await emitAck(aliceSocket, 'space:enter', { handle: alice.handle })).toEqual({ ok: true });
    await expectNoEvent(aliceSocket, 'space:visitor');
    expect((await alice.api.call('GET /spaces/:handle', { params: { handle: alice.handle } })).space.stats.visits).toBe(0);
    expect((await alice.api.call('GET /spaces/:handle/visitors', { params: { handle: alice.handle } })).visitors).toEqual([]);
  });

  it('space:enter answers errors for unknown spaces and bad payloads', async () => {
    const bob = await registerUser(hub, 'bob');
    const socket = await connectSocket(hub, bob.token);
    expect(await emitAck(socket, 'space:enter', { handle: 'no_such_user_here' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await emitAck(socket, 'space:enter', { handle: 'BAD!' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const extra = (await emitAck(socket, 'space:enter', { handle: bob.handle, x: 1 } as { handle: string })) as { ok: boolean };
    expect(extra.ok).toBe(false);
  });
});
