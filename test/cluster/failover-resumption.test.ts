/**
 * Failover you can trust: two nodes on one Redis Cluster (three masters, three replicas, node
 * timeout 2 s), a friend's socket on node B, posts and notifications made through node A without
 * pause. Each master is SIGKILLed in turn, then random ones a few times (the killed one is started
 * again between trials and rejoins as a replica): every time, cross-node deliveries on every shard
 * resume within 10 s of the kill, and `notifications:sync` returns everything acknowledged.
 *
 * One cluster and one pair of hubs serve all trials; every wait is on an event or on the cluster's
 * own state, not on a fixed sleep.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../server/db/embedded/index.js';
import { rooms } from '../../server/realtime/rooms.js';
import type { RedisClusterNode } from '../../scripts/cluster/redis-cluster.js';
import {
  closeAllSockets,
  connectSocket,
  emitAck,
  makeFriends,
  registerUser,
  startTestHub,
  startTestRedisCluster,
  waitForReplicas,
  whenReceived,
  type TestHub,
  type TestRedisCluster,
  type TestSocket,
  type TestUser,
} from '../helpers/index.js';

/** What the issue asks of a failover, measured from the kill. */
const resumeWithinMs = 10_000;
const randomTrials = 3;

describe.runIf(!process.env.REDIS_CLUSTER_NODES)(
  'Redis Cluster failover: cross-node deliveries resume within 10 s of any master being killed',
  { timeout: 300_000 },
  () => {
    let cluster: TestRedisCluster;
    let store: EmbeddedStore;
    let storeDir: string;
    let nodeA: TestHub;
    let nodeB: TestHub;
    let redisPrefix: string;

    beforeAll(async () => {
      cluster = await startTestRedisCluster();
      redisPrefix = `f${randomBytes(4).toString('hex')}`;
      storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-failover-'));
      store = await startEmbeddedStore({ dir: storeDir });
      const shared = {
        redisClusterNodes: cluster.seeds,
        redisPrefix,
        mongodbUri: `${store.uri}/kongjian`,
        env: { RATE_LIMIT_SCALE: '1000' },
      };
      // Side by side, as a deployment starts its nodes.
      [nodeA, nodeB] = await Promise.all([startTestHub(shared), startTestHub(shared)]);
    }, 120_000);
    afterAll(async () => {
      closeAllSockets();
      await nodeA?.close();
      await nodeB?.close();
      await store?.close();
      await cluster?.stop();
      if (storeDir) await fs.rm(storeDir, { recursive: true, force: true });
    });

    const audienceChannel = (userId: string) => `${redisPrefix}:sio#/#${rooms.audience(userId)}#`;

    it('kills each master in turn, then random ones: every shard delivers again within 10 s, nothing acknowledged is lost', async () => {
      const reader = await registerUser(nodeB, 'reader');
      // One author per shard: each one's audience channel lives on a different master, so whichever
      // master is killed, one author's posts go through the failed-over shard.
      const authors: TestUser[] = [];
      const shardsCovered = new Set<number>();
      while (shardsCovered.size < 3) {
        const author = await registerUser(nodeA, 'author');
        const master = await cluster.masterOf(audienceChannel(author.id));
        if (shardsCovered.has(master.port)) continue;
        shardsCovered.add(master.port);
        await makeFriends(author, reader);
        authors.push(author);
      }
      const socket = await connectSocket(nodeB, reader.token);

      // The writer: round after round, each author posts (to friends) and notifies the reader, through
      // node A; what was acknowledged is recorded with the time it was made.
      const posts: Array<{ id: string; author: string; at: number }> = [];
      let notified = 0;
      const notifyErrors: Record<string, number> = {};
      let slowestAnswerMs = 0;
      let writing = true;
      let round = 0;
      const writer = (async () => {
        while (writing) {
          round += 1;
          await Promise.all(
            authors.map(async (author) => {
              const at = Date.now();
              const made = await author.api
                .post('/posts', { kind: 'shuoshuo', text: `round ${round}`, privacy: 'friends' })
                .catch(() => null);
              slowestAnswerMs = Math.max(slowestAnswerMs, Date.now() - at);
              if (made?.status === 201) posts.push({ id: made.body.post.id as string, author: author.id, at });
              const subject = { type: 'post' as const, id: 'e'.repeat(24) };
              await nodeA.services.notifications.notify({ to: reader.id, kind: 'comment', actorId: author.id, subject }).then(
                () => (notified += 1),
                (err: Error) => (notifyErrors[err.message] = (notifyErrors[err.message] ?? 0) + 1),
              );
            }),
          );
        }
      })();

      const arrived: string[] = [];
      socket.on('feed:post', (payload) => arrived.push(payload.post.id));
      /** Resolves once, for every author, a post made at or after `since` reached the reader on node B. */
      const everyShardDelivers = (since: number, timeoutMs: number) =>
        whenReceived(
          socket,
          () => {
            const made = new Map(posts.filter((p) => p.at >= since).map((p) => [p.id, p.author]));
            const reached = new Set(arrived.flatMap((id) => made.get(id) ?? []));
            return authors.every((a) => reached.has(a.id));
          },
          timeoutMs,
          'a post of every author delivered across nodes',
        );

      const results: Array<{ killed: string; resumedMs: number; promotedMs: number | null }> = [];
      try {
        await everyShardDelivers(Date.now(), 20_000);
        const firstMasters = await currentMasters(cluster);
        const victims: Array<() => Promise<RedisClusterNode>> = [
          ...firstMasters.map(
            (port) => async () => ((await currentMasters(cluster)).includes(port) ? nodeOf(cluster, port) : randomMaster(cluster)),
          ),
          ...Array.from({ length: randomTrials }, () => () => randomMaster(cluster)),
        ];
        for (const pick of victims) {
          const victim = await pick();
          const killedAt = Date.now();
          await victim.kill('SIGKILL');
          // When the cluster itself had a new master for the victim's slots: the part of the wait that
          // is Redis's own failover (node timeout, election), not the hubs'.
          const promoted = promotion(cluster, victim.port, killedAt);
          await everyShardDelivers(killedAt, resumeWithinMs + 20_000).catch(() => undefined);
          const resumedMs = Date.now() - killedAt;
          results.push({ killed: victim.address, resumedMs, promotedMs: await promoted });
          // The killed master comes back as a replica of its promoted one; the next trial needs every
          // shard to have a synced replica again, or its master could not fail over.
          await victim.start();
          await cluster.waitHealthy(60_000);
          await waitForReplicas(cluster, 3, 60_000);
          // Not the bound under test (that is the 10 s after a kill, above) but the gate before the next
          // trial: the restarted node's return moves no slot, and the subscriber's full audit runs at
          // least every 15 s, so on a busy box (the whole suite beside it) this gate needs more than 20 s.
          await everyShardDelivers(Date.now(), 60_000);
        }
      } finally {
        writing = false;
        await writer;
      }
      console.info(
        `failover resumption (node timeout ${cluster.nodeTimeoutMs} ms): ` +
          results.map((r) => `${r.killed} ${r.resumedMs} ms (replica promoted at ${r.promotedMs ?? '?'} ms)`).join(', ') +
          `; ${posts.length} posts and ${notified} notifications acknowledged (refused: ${JSON.stringify(notifyErrors)}); slowest post answer ${slowestAnswerMs} ms`,
      );
      for (const r of results) expect(r.resumedMs, `deliveries resumed after ${r.killed} was killed`).toBeLessThan(resumeWithinMs);

      // Nothing acknowledged is lost: notifications:sync returns every one, numbered without gaps or
      // repeats (one refused after it was stored, when Redis failed under it, is there too).
      const seqs = await syncedSeqs(socket);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      expect(seqs.length).toBeGreaterThanOrEqual(notified);
      expect(socket.connected).toBe(true);
    });
  },
);

/** Every notification's number, through `notifications:sync` page by page, as a reconnecting client reads them. */
async function syncedSeqs(socket: TestSocket): Promise<number[]> {
  const seqs: number[] = [];
  for (;;) {
    const page = await emitAck(socket, 'notifications:sync', { after: seqs.at(-1) ?? 0, limit: 500 });
    if (!page.ok) throw new Error(`notifications:sync: ${page.error.message}`);
    seqs.push(...page.notifications.map((n) => n.seq));
    if (page.notifications.length < 500) return seqs;
  }
}

/**
 * Ms from `killedAt` until three live masters serve the slots again without `port` (the victim's
 * replica promoted), polled through CLUSTER NODES; null if that took over 30 s.
 */
async function promotion(cluster: TestRedisCluster, port: number, killedAt: number): Promise<number | null> {
  while (Date.now() - killedAt < 30_000) {
    const masters = await currentMasters(cluster).catch((): number[] => []);
    if (masters.length === 3 && !masters.includes(port)) return Date.now() - killedAt;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

/** Ports of the nodes serving as masters now. */
async function currentMasters(cluster: TestRedisCluster): Promise<number[]> {
  const live = cluster.nodes.find((n) => n.running)!;
  const lines = (await cluster.cli(live.port, 'CLUSTER', 'NODES')).split('\n');
  return lines.flatMap((line) => {
    const [, address, flags, , , , , , ...slots] = line.split(' ');
    if (!address || !flags?.includes('master') || flags.includes('fail') || slots.length === 0) return [];
    return [Number(address.split('@')[0]!.split(':')[1])];
  });
}

function nodeOf(cluster: TestRedisCluster, port: number): RedisClusterNode {
  return cluster.nodes.find((n) => n.port === port)!;
}

async function randomMaster(cluster: TestRedisCluster): Promise<RedisClusterNode> {
  const masters = await currentMasters(cluster);
  return nodeOf(cluster, masters[Math.floor(Math.random() * masters.length)]!);
}
