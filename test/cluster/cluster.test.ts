/**
 * Two nodes sharing one store and one Redis or a Redis Cluster (three masters, three replicas):
 * pushes, presence, shared rate limits and catch-up work across nodes, and survive a Redis restart
 * or, on the cluster, the failover of the master that owns a busy room's channel.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Engine } from '../../server/config.js';
import { startEmbeddedStore, type EmbeddedStore } from '../../server/db/embedded/index.js';
import { createRateLimits } from '../../server/rate-limits.js';
import { connectRedis } from '../../server/redis.js';
import { rooms } from '../../server/realtime/rooms.js';
import {
  closeAllSockets,
  connectSocket,
  emitAck,
  expectNoEvent,
  makeFriends,
  nextEvent,
  pause,
  received,
  registerUser,
  settle,
  startTestHub,
  startTestRedisSetup,
  type RedisSetupKind,
  type TestHub,
  type TestRedisSetup,
  type TestSocket,
  type TestUser,
  waitFor,
} from '../helpers/index.js';

const setups: ReadonlyArray<readonly [Engine, 'classic' | 'sharded', RedisSetupKind]> = [
  ['uws', 'sharded', 'one Redis'],
  ['ws', 'sharded', 'one Redis'],
  ['uws', 'classic', 'one Redis'],
  ['uws', 'sharded', 'Redis Cluster'],
];

/** Cross-node state settles within a few seconds; allow ten on a loaded machine. */
const until = (condition: () => Promise<boolean> | boolean, timeoutMs = 10_000) => waitFor(condition, { timeoutMs });

describe.each(setups)('a two-node cluster on %s with the %s adapter over %s', { timeout: 60_000 }, (engine, adapter, redisKind) => {
  let redis: TestRedisSetup;
  let redisPrefix: string;
  let store: EmbeddedStore;
  let storeDir: string;
  let nodeA: TestHub;
  let nodeB: TestHub;

  beforeAll(async () => {
    redis = await startTestRedisSetup(redisKind);
    redisPrefix = `c${randomBytes(4).toString('hex')}`;
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-cluster-'));
    store = await startEmbeddedStore({ dir: storeDir });
    const shared = {
      engine,
      ...redis.hub,
      redisPrefix,
      mongodbUri: `${store.uri}/kongjian`,
      env: { REDIS_ADAPTER: adapter },
    };
    // Side by side, as a deployment starts its nodes.
    [nodeA, nodeB] = await Promise.all([startTestHub(shared), startTestHub(shared)]);
  }, 90_000);
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await store?.close();
    await redis?.close();
    if (storeDir) await fs.rm(storeDir, { recursive: true, force: true });
  });

  const comment = (hub: TestHub, to: TestUser, from: TestUser) =>
    hub.services.notifications.notify({ to: to.id, kind: 'comment', actorId: from.id, subject: { type: 'post', id: 'd'.repeat(24) } });

  it('a notification made on one node reaches its recipient on the other, and nobody else', async () => {
    const [alice, bob] = await Promise.all([registerUser(nodeA, 'alice'), registerUser(nodeB, 'bob')]);
    const aliceOnB = await connectSocket(nodeB, alice.token);
    const bobOnA = await connectSocket(nodeA, bob.token);
    const bobOnB = await connectSocket(nodeB, bob.token);
    await comment(nodeA, alice, bob);
    const got = await nextEvent(aliceOnB, 'notification');
    expect(got).toMatchObject({ unread: 1, notification: { seq: 1, kind: 'comment', actor: { id: bob.id } } });
    await expectNoEvent(bobOnA, 'notification');
    await expectNoEvent(bobOnB, 'notification');
  });

  it('numbers concurrent notifications from both nodes without gaps or repeats', async () => {
    const [alice, bob] = await Promise.all([registerUser(nodeA, 'alice'), registerUser(nodeA, 'bob')]);
    const socket = await connectSocket(nodeB, alice.token);
    await Promise.all(Array.from({ length: 40 }, (_, i) => comment(i % 2 ? nodeA : nodeB, alice, bob)));
    const listed = await alice.api.get('/notifications?limit=500');
    const seqs = listed.body.notifications.map((n: { seq: number }) => n.seq);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(listed.body.unread).toBe(40);
    await until(() => received(socket, 'notification').length === 40);
    // Each node pushes its own in order; across nodes the client orders by seq (and never misses one).
    expect(
      received(socket, 'notification')
        .map((p) => p.notification.seq)
        .sort((a, b) => a - b),
    ).toEqual(seqs);
  });

  it('a client that missed notifications while away catches up exactly on the other node', async () => {
    const [alice, bob] = await Promise.all([registerUser(nodeA, 'alice'), registerUser(nodeA, 'bob')]);
    const onA = await connectSocket(nodeA, alice.token);
    await comment(nodeA, alice, bob);
    const lastSeen = (await nextEvent(onA, 'notification')).notification.seq;
    onA.close();
    await comment(nodeA, alice, bob);
    await comment(nodeB, alice, bob);
    const onB = await connectSocket(nodeB, alice.token);
    const sync = await emitAck(onB, 'notifications:sync', { after: lastSeen });
    expect(sync).toMatchObject({ ok: true, unread: 3 });
    if (sync.ok) expect(sync.notifications.map((n) => n.seq)).toEqual([2, 3]);
  });

  it('reading on one node updates the reader’s sockets on both nodes', async () => {
    const [alice, bob] = await Promise.all([registerUser(nodeA, 'alice'), registerUser(nodeA, 'bob')]);
    const onA = await connectSocket(nodeA, alice.token);
    const onB = await connectSocket(nodeB, alice.token);
    const bobOnB = await connectSocket(nodeB, bob.token);
    await comment(nodeA, alice, bob);
    await comment(nodeB, alice, bob);
    await until(() => received(onB, 'notification').length === 2);
    const read = await apiOn(nodeA, alice).post('/notifications/read', { upTo: 2 });
    expect(read.body).toEqual({ unread: 0 });
    expect(await nextEvent(onA, 'notifications:read')).toEqual({ upTo: 2, unread: 0 });
    expect(await nextEvent(onB, 'notifications:read')).toEqual({ upTo: 2, unread: 0 });
    await expectNoEvent(bobOnB, 'notifications:read');
  });

  it('presence counts a user’s sockets across nodes as one', async () => {
    const [alice, bob, eve] = await Promise.all([registerUser(nodeA, 'alice'), registerUser(nodeA, 'bob'), registerUser(nodeA, 'eve')]);
    await makeFriends(alice, bob);
    const bobOnB = await connectSocket(nodeB, bob.token);
    const eveOnA = await connectSocket(nodeA, eve.token);
    const aliceOnA = await connectSocket(nodeA, alice.token);
    expect(await nextEvent(bobOnB, 'presence', (p) => p.userId === alice.id)).toEqual({ userId: alice.id, online: true });
    const aliceOnB = await connectSocket(nodeB, alice.token);
    expect(await emitAck(bobOnB, 'presence:list', {})).toEqual({ ok: true, online: [alice.id] });
    const onlineFromA = await emitAck(aliceOnA, 'presence:list', {});
    expect(onlineFromA).toEqual({ ok: true, online: [bob.id] });

    aliceOnA.close();
    await until(async () => (await nodeA.health()).sockets === 1); // eve alone is left on node A
    await settle(aliceOnB);
    await expectNoEvent(bobOnB, 'presence', (p) => p.userId === alice.id && !p.online);
    expect(received(bobOnB, 'presence').filter((p) => p.userId === alice.id)).toHaveLength(1);

    aliceOnB.close();
    expect(await nextEvent(bobOnB, 'presence', (p) => p.userId === alice.id && !p.online)).toEqual({ userId: alice.id, online: false });
    expect(await emitAck(bobOnB, 'presence:list', {})).toEqual({ ok: true, online: [] });
    await expectNoEvent(eveOnA, 'presence');
  });

  it('/metrics says Redis is up, and whether it is one Redis or a cluster', async () => {
    const text = await (await fetch(`${nodeA.url}/metrics`)).text();
    const mode = redisKind === 'Redis Cluster' ? 'cluster' : 'single';
    expect(text).toMatch(new RegExp(`^kj_redis_up\\{[^}]*mode="${mode}"[^}]*\\} 1$`, 'm'));
  });

  it('a rate-limit budget is shared by both nodes, and each key has its own', async () => {
    const logger = pino({ level: 'silent' });
    const [onA, onB] = [connectRedis(redis.target, logger), connectRedis(redis.target, logger)] as const;
    try {
      await Promise.all([onA.ready, onB.ready]);
      const [limitsA, limitsB] = [createRateLimits(onA.main, redisPrefix), createRateLimits(onB.main, redisPrefix)];
      const rule = { name: `shared-${randomBytes(3).toString('hex')}`, points: 6, perSeconds: 60 };
      for (let i = 0; i < 6; i += 1) await (i % 2 ? limitsA : limitsB).consume(rule, 'user-1');
      await expect(limitsA.consume(rule, 'user-1')).rejects.toMatchObject({ code: 'rate_limited' });
      await expect(limitsB.consume(rule, 'user-1')).rejects.toMatchObject({ code: 'rate_limited' });
      await expect(limitsB.consume(rule, 'user-2')).resolves.toBeUndefined();
    } finally {
      await Promise.all([onA.close(), onB.close()]);
    }
  });

  /**
   * Re-sends from `from` until a notification reaches `socket` (each try is a new, acknowledged
   * notification): proves the socket's node is subscribed again. Resolves with the tries' count.
   */
  async function deliveredAcross(from: TestHub, socket: TestSocket, alice: TestUser, bob: TestUser, timeoutMs = 20_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (let tries = 1; Date.now() < deadline; tries += 1) {
      const before = received(socket, 'notification').length;
      await comment(from, alice, bob);
      try {
        await until(() => received(socket, 'notification').length > before, 500);
        return tries;
      } catch {
        // not subscribed again yet: try again
      }
    }
    throw new Error('no delivery across nodes after Redis came back');
  }

  // Registered only where it applies: it stops a private Redis, or kills a master of a private cluster.
  if (redisKind === 'one Redis' && !process.env.REDIS_URL)
    it('Redis restarts: both nodes are subscribed again, deliveries resume both ways, what was missed is caught up', async () => {
      const [alice, bob] = await Promise.all([registerUser(nodeA, 'alice'), registerUser(nodeA, 'bob')]);
      const aliceOnA = await connectSocket(nodeA, alice.token);
      const aliceOnB = await connectSocket(nodeB, alice.token);
      await comment(nodeA, alice, bob);
      await until(() => received(aliceOnB, 'notification').length === 1);
      await redis.single!.stop();
      // While Redis is away notifications are still stored and acknowledged; only the push across is lost.
      await comment(nodeA, alice, bob);
      await comment(nodeB, alice, bob);
      await redis.single!.restart();
      // Ready again means subscribed again (node-redis replays a connection's subscriptions before
      // it counts as ready): once both nodes answer 200, the first one made on A reaches B, and the
      // first one made on B reaches A.
      await until(async () => (await readyz(nodeA)).status === 200 && (await readyz(nodeB)).status === 200, 20_000);
      const triesAB = await deliveredAcross(nodeA, aliceOnB, alice, bob);
      const triesBA = await deliveredAcross(nodeB, aliceOnA, alice, bob);
      expect([triesAB, triesBA], 'tries until delivered across, once ready').toEqual([1, 1]);
      const total = 3 + triesAB + triesBA;
      // Each socket catches up exactly: live pushes plus notifications:sync cover every seq once.
      for (const socket of [aliceOnA, aliceOnB]) {
        const live = received(socket, 'notification').map((p) => p.notification.seq);
        const sync = await emitAck(socket, 'notifications:sync', { after: 0 });
        expect(sync.ok).toBe(true);
        if (!sync.ok) continue;
        const all = sync.notifications.map((n) => n.seq);
        expect(all).toEqual(Array.from({ length: total }, (_, i) => i + 1));
        expect(live.every((seq) => all.includes(seq))).toBe(true);
        expect(socket.connected).toBe(true);
      }
      // The pushes lost in the outage were really missed live, and sync is what brings them back.
      expect(received(aliceOnB, 'notification').map((p) => p.notification.seq)).not.toContain(2);
      expect(received(aliceOnA, 'notification').map((p) => p.notification.seq)).not.toContain(3);
    });

  if (redisKind === 'Redis Cluster' && !process.env.REDIS_CLUSTER_NODES)
    it('the master owning a busy room’s channel fails over: /api/readyz follows, both nodes are subscribed again, nothing acknowledged is lost', async () => {
      const cluster = redis.cluster!;
      const [alice, bob] = await Promise.all([registerUser(nodeA, 'alice'), registerUser(nodeA, 'bob')]);
      const aliceOnA = await connectSocket(nodeA, alice.token);
      const aliceOnB = await connectSocket(nodeB, alice.token);
      const seqs = (socket: TestSocket) => received(socket, 'notification').map((p) => p.notification.seq);
      // Bob keeps commenting through node A, one after another; each is acknowledged once stored.
      let acked = 0;
      let writing = true;
      const writer = (async () => {
        while (writing) {
          await comment(nodeA, alice, bob).then(
            () => (acked += 1),
            () => undefined,
          );
          await pause(40); // a steady trickle, not a flood
        }
      })();
      await until(() => seqs(aliceOnB).length >= 5);
      expect(await readyz(nodeB)).toEqual({ status: 200, body: { ok: true, store: 'up', redis: 'up' } });
      // Alice's user room is a sharded channel on one master, and both nodes listen on it: kill that master.
      const master = await cluster.masterOf(`${redisPrefix}:sio#/#${rooms.user(alice.id)}#`);
      const killedAt = Date.now();
      await master.kill('SIGKILL');
      const firstAfterKill = acked + 2; // the writer has at most one in flight
      const readyWhileDown: Array<{ status: number; body: unknown }> = [];
      await until(async () => {
        const ready = await readyz(nodeB);
        if (ready.status !== 200) readyWhileDown.push(ready);
        return seqs(aliceOnB).some((seq) => seq >= firstAfterKill);
      }, cluster.nodeTimeoutMs + 15_000);
      const resumedMs = Date.now() - killedAt;
      writing = false;
      await writer;
      console.info(
        `failover: deliveries resumed ${resumedMs} ms after the master was killed (node timeout ${cluster.nodeTimeoutMs} ms); ` +
          `${acked} acknowledged, ${acked - seqs(aliceOnB).length} missed live on node B`,
      );
      expect(resumedMs).toBeLessThan(cluster.nodeTimeoutMs + 8_000);
      // The load balancer's probe took the node out while a master was missing, naming Redis.
      expect(readyWhileDown.length, '/api/readyz answered 503 during the failover').toBeGreaterThan(0);
      expect(readyWhileDown[0]).toEqual({ status: 503, body: { ok: false, store: 'up', redis: 'down' } });
      await until(async () => (await readyz(nodeA)).status === 200 && (await readyz(nodeB)).status === 200);
      expect(await readyz(nodeB)).toEqual({ status: 200, body: { ok: true, store: 'up', redis: 'up' } });
      // Nothing acknowledged is lost: notifications:sync returns every one, numbered without gaps.
      const sync = await emitAck(aliceOnB, 'notifications:sync', { after: 0 });
      expect(sync.ok).toBe(true);
      if (sync.ok) expect(sync.notifications.map((n) => n.seq)).toEqual(Array.from({ length: acked }, (_, i) => i + 1));
      // Both nodes are subscribed on the promoted replica: later ones from either node reach both sockets live.
      const [beforeA, beforeB] = [seqs(aliceOnA).length, seqs(aliceOnB).length];
      for (let i = 0; i < 6; i += 1) await comment(i % 2 ? nodeB : nodeA, alice, bob);
      await until(() => seqs(aliceOnA).length === beforeA + 6 && seqs(aliceOnB).length === beforeB + 6);
      expect(aliceOnA.connected && aliceOnB.connected).toBe(true);
    });
});

async function readyz(hub: TestHub): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${hub.url}/api/readyz`);
  return { status: res.status, body: (await res.json()) as unknown };
}

function apiOn(hub: TestHub, user: TestUser) {
  return { post: (p: string, body: unknown) => fetchJson(`${hub.url}/api${p}`, user.token, body) };
}

async function fetchJson(url: string, token: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}
