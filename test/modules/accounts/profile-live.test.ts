/**
 * Profiles and goodbyes live: a profile change reaches the user's friends (`user:updated`) and not
 * strangers; a block tells the blocked user's open pages that the blocker is gone (`user:gone`), and
 * an account deletion tells the user's friends. Both engines.
 */
import { describe, expect, it } from 'vitest';
import { connectSocket, emitAck, engines, makeFriends, nextEvent, registerUser, useTestHub, type TestSocket } from '../../helpers/index.js';

/** Events of one name a socket receives from now on. */
function record(socket: TestSocket, event: string): unknown[] {
  const got: unknown[] = [];
  socket.onAny((name: string, payload: unknown) => {
    if (name === event) got.push(payload);
  });
  return got;
}

describe.each(engines)('profile and goodbye events on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('a new display name and bio reach friends live; a stranger hears nothing', async () => {
    const [alice, bob, carol] = [await registerUser(hub, 'alice'), await registerUser(hub, 'bob'), await registerUser(hub, 'carol')];
    await makeFriends(alice, bob);
    const bobSocket = await connectSocket(hub, bob.token);
    const carolSocket = await connectSocket(hub, carol.token);
    const carolHeard = record(carolSocket, 'user:updated');
    const heard = nextEvent(bobSocket, 'user:updated', (p) => p.user.id === alice.id);

    const res = await alice.api.send('PATCH /me', { body: { displayName: '爱丽丝', bio: 'hello' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { user } = await heard;
    expect(user).toMatchObject({ id: alice.id, handle: alice.handle, displayName: '爱丽丝', bio: 'hello' });
    expect(user).not.toHaveProperty('role');
    await emitAck(carolSocket, 'ping', {}); // anything pushed before now has arrived
    expect(carolHeard).toEqual([]);
  });

  it('blocking tells the blocked user alone that the blocker is gone', async () => {
    const [alice, bob] = [await registerUser(hub, 'alice'), await registerUser(hub, 'bob')];
    const bobSocket = await connectSocket(hub, bob.token);
    const aliceSocket = await connectSocket(hub, alice.token);
    const aliceHeard = record(aliceSocket, 'user:gone');
    const gone = nextEvent(bobSocket, 'user:gone', (p) => p.userId === alice.id);
    expect((await alice.api.send('PUT /blocks/:handle', { params: { handle: bob.handle } })).status).toBe(204);
    expect(await gone).toEqual({ userId: alice.id });
    await emitAck(aliceSocket, 'ping', {});
    expect(aliceHeard).toEqual([]);
  });

  it('a deleted account is gone for its friends at once', async () => {
    const [alice, bob] = [await registerUser(hub, 'alice'), await registerUser(hub, 'bob')];
    await makeFriends(alice, bob);
    const bobSocket = await connectSocket(hub, bob.token);
    const gone = nextEvent(bobSocket, 'user:gone', (p) => p.userId === alice.id);
    expect((await alice.api.send('DELETE /me', { body: { password: 'correct horse battery' } })).status).toBe(204);
    expect(await gone).toEqual({ userId: alice.id });
  });
});
