/**
 * Sessions that end when asked (contract v1.1): sign-out ends that token, a password change every
 * other one, deletion all of them — on REST and on open sockets (told with `server:notice`
 * `revoked`, then disconnected), at once rather than after the accounts cache's 5 s.
 */
import { describe, expect, it } from 'vitest';
import {
  apiClient,
  connectSocket,
  engines,
  makeFriends,
  nextEvent,
  registerUser,
  useTestHub,
  type TestSocket,
} from '../../helpers/index.js';

const password = 'correct horse battery';

function disconnected(socket: TestSocket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

describe.each(engines)('sessions on %s', (engine) => {
  const hub = useTestHub({ engine });

  async function signIn(handle: string, pass = password) {
    const res = await apiClient(hub.url).post('/auth/login', { handle, password: pass });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.token as string;
  }

  it('sign-out ends that token at once on REST and its sockets, and no other session', async () => {
    const alice = await registerUser(hub, 'alice');
    const other = await signIn(alice.handle);
    expect((await alice.api.send('GET /me')).status).toBe(200); // cached on this node now
    const socket = await connectSocket(hub, alice.token, { reconnection: false });
    const otherSocket = await connectSocket(hub, other, { reconnection: false });
    const notice = nextEvent(socket, 'server:notice', (n) => n.code === 'revoked');
    const gone = disconnected(socket);

    expect((await alice.api.send('POST /auth/logout')).status).toBe(204);
    expect((await alice.api.request('GET /me')).status).toBe(401);
    expect((await notice).code).toBe('revoked');
    expect(await gone).toBe('io server disconnect');
    await expect(connectSocket(hub, alice.token, { reconnection: false })).rejects.toThrow('unauthorized');

    expect((await apiClient(hub.url, other).get('/me')).status).toBe(200);
    expect(otherSocket.connected).toBe(true);
  });

  it('a password change ends every other token and answers a new one; a wrong current password is 401', async () => {
    const bob = await registerUser(hub, 'bob');
    const phone = await signIn(bob.handle);
    const phoneSocket = await connectSocket(hub, phone, { reconnection: false });
    const gone = disconnected(phoneSocket);

    const wrong = await bob.api.request('POST /auth/password', { body: { current: 'not my password', next: 'a brand new secret' } });
    expect(wrong.status).toBe(401);
    expect((await apiClient(hub.url, phone).get('/me')).status).toBe(200);

    const changed = await bob.api.send('POST /auth/password', { body: { current: password, next: 'a brand new secret' } });
    expect(changed.status).toBe(200);
    const fresh = changed.body.token;
    expect(await gone).toBe('io server disconnect');
    expect((await apiClient(hub.url, phone).get('/me')).status).toBe(401);
    expect((await bob.api.request('GET /me')).status).toBe(401);
    expect((await apiClient(hub.url, fresh).get('/me')).body.user.handle).toBe(bob.handle);
    expect((await apiClient(hub.url).post('/auth/login', { handle: bob.handle, password })).status).toBe(401);
    await signIn(bob.handle, 'a brand new secret');
  });

  it('deleting an account asks for the password, then removes it and what it owns, and ends its sessions', async () => {
    const carol = await registerUser(hub, 'carol');
    const dan = await registerUser(hub, 'dan');
    await makeFriends(carol, dan);
    const post = await carol.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'soon gone', privacy: 'public' } });
    const dansPost = await dan.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'stays', privacy: 'public' } });
    await carol.api.call('POST /posts/:id/comments', { params: { id: dansPost.body.post.id }, body: { text: 'hello from carol' } });
    await carol.api.call('PUT /posts/:id/like', { params: { id: dansPost.body.post.id } });
    const socket = await connectSocket(hub, carol.token, { reconnection: false });
    const gone = disconnected(socket);

    expect((await carol.api.request('DELETE /me', { body: { password: 'not my password' } })).status).toBe(401);
    expect((await carol.api.send('DELETE /me', { body: { password } })).status).toBe(204);

    expect(await gone).toBe('io server disconnect');
    expect((await carol.api.request('GET /me')).status).toBe(401);
    expect((await apiClient(hub.url).post('/auth/login', { handle: carol.handle, password })).status).toBe(401);
    expect((await dan.api.request('GET /posts/:id', { params: { id: post.body.post.id } })).status).toBe(404);
    expect((await dan.api.request('GET /spaces/:handle', { params: { handle: carol.handle } })).status).toBe(404);
    expect((await dan.api.call('GET /friends')).friends).toEqual([]);
    const after = await dan.api.send('GET /posts/:id', { params: { id: dansPost.body.post.id } });
    expect(after.body.post.counts).toMatchObject({ likes: 0, comments: 0 });
    expect((await dan.api.call('GET /posts/:id/comments', { params: { id: dansPost.body.post.id } })).comments).toEqual([]);
    // The handle is free again.
    expect((await apiClient(hub.url).post('/auth/register', { handle: carol.handle, password, displayName: 'New Carol' })).status).toBe(
      201,
    );
  });
});
