/**
 * Revocation across a two-node cluster (contract v1.1): a sign-out or password change on node A
 * stops the token at once on node B too — on REST, although B's accounts cache had just admitted it,
 * and on B's open sockets, which get `server:notice` `revoked` and are disconnected. Both engines.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';
import {
  apiClient,
  closeAllSockets,
  connectSocket,
  engines,
  nextEvent,
  registerUser,
  startTestHub,
  startTestRedis,
  type TestHub,
  type TestRedis,
  type TestSocket,
} from '../../helpers/index.js';

const password = 'correct horse battery';
const disconnected = (socket: TestSocket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

describe.each(engines)('session revocation across two nodes on %s', (engine) => {
  let store: EmbeddedStore;
  let storeDir: string;
  let redis: TestRedis;
  let a: TestHub;
  let b: TestHub;
  const redisPrefix = `r${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-revoke-store-'));
    store = await startEmbeddedStore({ dir: storeDir });
    redis = await startTestRedis();
    const node = () => startTestHub({ engine, redisUrl: redis.url, redisPrefix, mongodbUri: `${store.uri}/kongjian` });
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

  it('a sign-out on one node ends the token on the other node’s REST and sockets at once', async () => {
    const user = await registerUser(a, 'roamer');
    const onB = apiClient(b.url, user.token);
    expect((await onB.get('/me')).status).toBe(200); // B has now cached the account for 5 s
    const socket = await connectSocket(b, user.token, { reconnection: false });
    const notice = nextEvent(socket, 'server:notice', (n) => n.code === 'revoked');
    const gone = disconnected(socket);

    expect((await apiClient(a.url, user.token).post('/auth/logout')).status).toBe(204);
    await notice;
    expect(await gone).toBe('io server disconnect');
    // The notice went out only after B had dropped its cached view, so REST refuses at once too.
    expect((await onB.get('/me')).status).toBe(401);
    await expect(connectSocket(b, user.token, { reconnection: false })).rejects.toThrow('unauthorized');
  });

  it('a password change on one node disconnects the other node’s old sessions and keeps the new one', async () => {
    const user = await registerUser(a, 'changer');
    const other = (await apiClient(b.url).post('/auth/login', { handle: user.handle, password })).body.token as string;
    expect((await apiClient(b.url, other).get('/me')).status).toBe(200);
    const socket = await connectSocket(b, other, { reconnection: false });
    const gone = disconnected(socket);
    const changed = await user.api.send('POST /auth/password', { body: { current: password, next: 'a whole new secret' } });
    expect(changed.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect((await apiClient(b.url, other).get('/me')).status).toBe(401);
    expect((await apiClient(b.url, changed.body.token).get('/me')).status).toBe(200);
    const fresh = await connectSocket(b, changed.body.token, { reconnection: false });
    expect(fresh.connected).toBe(true);
  });
});
