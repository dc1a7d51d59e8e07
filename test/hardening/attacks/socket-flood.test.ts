/**
 * Attack: one token opens hundreds of sockets and each sends `post:watch` under the per-socket
 * allowance; before the fix 400 sockets made another user's `GET /api/posts/:id` take 41 s. Now a
 * user has at most SOCKETS_PER_USER sockets (across nodes with Redis), and the event budget is the
 * user's, shared by all their sockets.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';
import {
  apiClient,
  closeAllSockets,
  connectSocket,
  emitAck,
  pause,
  registerUser,
  startTestHub,
  startTestRedis,
  useTestHub,
  waitFor,
  type TestHub,
  type TestRedis,
  type TestSocket,
} from '../../helpers/index.js';

/** Opens `n` sockets with `token` at once; the connected ones, and the connect_error messages of the rest. */
async function openMany(hub: { realtimeUrl: string }, token: string, n: number): Promise<{ sockets: TestSocket[]; refusals: string[] }> {
  const settled = await Promise.allSettled(Array.from({ length: n }, () => connectSocket(hub, token)));
  return {
    sockets: settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
    refusals: settled.flatMap((s) => (s.status === 'rejected' ? [(s.reason as Error).message] : [])),
  };
}

describe('socket flood by one account', { timeout: 60_000 }, () => {
  // Budgets as in production (the test default multiplies them by 50).
  const hub = useTestHub({ env: { RATE_LIMIT_SCALE: '1', SOCKETS_PER_USER: '16' } });

  it('the 17th socket of one user is refused with too_many_sockets; a closed one frees its place', async () => {
    const attacker = await registerUser(hub, 'opener');
    const { sockets, refusals } = await openMany(hub, attacker.token, 60);
    expect(sockets).toHaveLength(16);
    expect(refusals).toHaveLength(44);
    expect(new Set(refusals)).toEqual(new Set(['too_many_sockets']));
    const closed = new Promise((resolve) => sockets[0]!.once('disconnect', resolve));
    sockets[0]!.disconnect();
    await closed;
    // The server learns of the close a moment after the client: retry until it has.
    const again = await waitFor(() => connectSocket(hub, attacker.token).catch(() => undefined), {
      intervalMs: 20,
      what: 'a socket accepted again',
    });
    expect(again.connected).toBe(true);
    // Other users are not affected by one user's cap.
    const other = await registerUser(hub, 'other');
    expect((await connectSocket(hub, other.token)).connected).toBe(true);
    closeAllSockets();
  });

  it("post:watch from all of a user's sockets draws on one budget, and another user's reads stay fast", async () => {
    const attacker = await registerUser(hub, 'watcher');
    const author = await registerUser(hub, 'author');
    const post = (await author.api.post('/posts', { kind: 'shuoshuo', text: 'hello', privacy: 'public' })).body.post;
    const { sockets } = await openMany(hub, attacker.token, 16);
    expect(sockets).toHaveLength(16);
    // Each socket sends 10 watches at once: 160 within the per-socket allowance (burst 40), but far
    // beyond the user's budget (burst 40 across all sockets; post:watch 120 a minute).
    const started = performance.now();
    const answers = (
      await Promise.all(
        sockets.flatMap((s) => Array.from({ length: 10 }, () => emitAck(s, 'post:watch', { postId: post.id }).catch(() => null))),
      )
    ).filter((a) => a !== null);
    const accepted = answers.filter((a) => a.ok).length;
    const limited = answers.filter((a) => !a.ok && a.error.code === 'rate_limited').length;
    // The burst of 40, plus what the user's bucket refilled (20 a second) while the emits went out.
    expect(accepted).toBeLessThanOrEqual(40 + Math.ceil((20 * (performance.now() - started)) / 1000));
    expect(limited).toBeGreaterThanOrEqual(100);
    const readStarted = performance.now();
    const read = await apiClient(hub.url, author.token).get(`/posts/${post.id}`);
    expect(read.status).toBe(200);
    expect(performance.now() - readStarted).toBeLessThan(1_000);
    closeAllSockets();
  });

  it('space:enter from two sockets draws on one per-user budget of 60 a minute', async () => {
    const visitor = await registerUser(hub, 'visitor');
    const owner = await registerUser(hub, 'owner');
    const [a, b] = [await connectSocket(hub, visitor.token), await connectSocket(hub, visitor.token)];
    const answers = [];
    // Paced at 25 a second, under the event bucket's 20 a second plus its burst of 40, so that every
    // refusal comes from the space:enter budget.
    for (let i = 0; i < 80; i += 1) {
      answers.push(await emitAck(i % 2 ? a : b, 'space:enter', { handle: owner.handle }));
      await pause(40);
    }
    expect(answers.filter((x) => x.ok)).toHaveLength(60);
    const refused = answers.filter((x) => !x.ok);
    expect(refused).toHaveLength(20);
    for (const x of refused) expect(!x.ok && x.error.code).toBe('rate_limited');
    closeAllSockets();
  });
});

describe('socket cap across two nodes sharing Redis', () => {
  let redis: TestRedis;
  let store: EmbeddedStore;
  let storeDir: string;
  let nodes: TestHub[];
  beforeAll(async () => {
    redis = await startTestRedis();
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-cap-'));
    store = await startEmbeddedStore({ dir: storeDir });
    const shared = {
      redisUrl: redis.url,
      redisPrefix: `cap${Date.now()}`,
      mongodbUri: `${store.uri}/kongjian`,
      env: { SOCKETS_PER_USER: '4' },
    };
    nodes = [await startTestHub(shared), await startTestHub(shared)];
  });
  afterAll(async () => {
    closeAllSockets();
    for (const n of nodes ?? []) await n.close();
    await store?.close();
    await redis?.close();
    if (storeDir) await fs.rm(storeDir, { recursive: true, force: true });
  });

  it('a user with 4 sockets on one node is refused a 5th on the other', async () => {
    const user = await registerUser(nodes[0]!, 'spread');
    const first = await openMany(nodes[0]!, user.token, 4);
    expect(first.sockets).toHaveLength(4);
    // One at a time, so that no two handshakes race across nodes.
    await expect(connectSocket(nodes[1]!, user.token)).rejects.toThrow('too_many_sockets');
  });
});
