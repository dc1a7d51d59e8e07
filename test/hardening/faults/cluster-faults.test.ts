/**
 * Faults in a two-node cluster of real processes, over one Redis and over a Redis Cluster (three
 * masters, three replicas): a node SIGKILLed in the middle of a burst of writes loses nothing it
 * acknowledged and leaves no half state (counters equal their records); Redis (every node of the
 * Redis Cluster) going away makes nodes report unhealthy, and once it is back they recover and
 * deliver across nodes again.
 */
import mongoose, { Types, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../../../scripts/cluster/start-cluster.js';
import {
  apiClient,
  closeAllSockets,
  connectSocket,
  makeFriends,
  nextEvent,
  redisSetups,
  registerUser,
  waitFor,
  type TestUser,
} from '../../helpers/index.js';
import { healthBecomes, onNode, pool } from '../helpers/faults.js';

describe.each(redisSetups)('cluster faults over %s', { timeout: 150_000 }, (redisKind) => {
  const outside = redisKind === 'one Redis' ? process.env.REDIS_URL : process.env.REDIS_CLUSTER_NODES;
  let cluster: Cluster;
  let store: Connection;
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 2, env: { RATE_LIMIT_SCALE: '1000' }, redisCluster: redisKind === 'Redis Cluster' });
    store = await mongoose.createConnection(cluster.mongodbUri).asPromise();
  }, 90_000);
  afterAll(async () => {
    closeAllSockets();
    await store?.close();
    await cluster?.stop();
  });

  it('SIGKILL of a node during a write burst: every acknowledged write survives, counters match records', async () => {
    const [n1, n2] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0]];
    const author = await registerUser(n1, 'author');
    const writers: TestUser[] = [];
    await pool(40, 8, async () => {
      writers.push(await registerUser(n1, 'writer'));
    });
    const posts: string[] = [];
    for (let i = 0; i < 4; i += 1)
      posts.push((await author.api.post('/posts', { kind: 'shuoshuo', text: `target ${i}`, privacy: 'public' })).body.post.id);

    // Each writer, through node 2: like every target, comment on every target, make a post.
    type Op = { kind: 'like' | 'comment' | 'post'; writer: TestUser; post?: string };
    const ops: Op[] = writers.flatMap((writer) => [
      ...posts.map((post) => ({ kind: 'like' as const, writer, post })),
      ...posts.map((post) => ({ kind: 'comment' as const, writer, post })),
      { kind: 'post' as const, writer },
    ]);
    const ackedLikes: Array<{ writer: TestUser; post: string }> = [];
    const ackedComments: Array<{ id: string; post: string }> = [];
    const ackedPosts: Array<{ id: string; writer: TestUser }> = [];
    const other: Record<string, number> = {};
    let sent = 0;
    const killed = (async () => {
      await waitFor(() => sent >= ops.length / 3, { timeoutMs: 60_000, intervalMs: 5, what: 'a third of the writes sent' });
      n2.child.process.kill('SIGKILL');
    })();
    await pool(ops.length, 64, async (i) => {
      const op = ops[i]!;
      const api = onNode(n2, op.writer.token);
      sent += 1;
      const res =
        op.kind === 'like'
          ? await api.put(`/posts/${op.post}/like`).catch(() => null)
          : op.kind === 'comment'
            ? await api.post(`/posts/${op.post}/comments`, { text: `burst ${i}` }).catch(() => null)
            : await api.post('/posts', { kind: 'shuoshuo', text: `burst post ${i}`, privacy: 'public' }).catch(() => null);
      const status = res?.status ?? 0;
      if (op.kind === 'like' && status === 200) ackedLikes.push({ writer: op.writer, post: op.post! });
      else if (op.kind === 'comment' && status === 201) ackedComments.push({ id: res!.body.comment.id, post: op.post! });
      else if (op.kind === 'post' && status === 201) ackedPosts.push({ id: res!.body.post.id, writer: op.writer });
      else other[status] = (other[status] ?? 0) + 1;
    });
    await killed;
    const acked = ackedLikes.length + ackedComments.length + ackedPosts.length;
    console.info(`node kill: ${ops.length} writes sent, ${acked} acknowledged before the kill, others by status ${JSON.stringify(other)}`);
    expect(acked, 'some writes were acknowledged').toBeGreaterThan(0);
    expect(acked, 'the kill cut the burst short').toBeLessThan(ops.length);
    // Refusals other than "connection died" (status 0) would be a bug, not a fault.
    expect(
      Object.keys(other).filter((s) => s !== '0'),
      JSON.stringify(other),
    ).toEqual([]);

    // Through the surviving node: everything acknowledged is there.
    for (const { writer, post } of ackedLikes)
      expect((await onNode(n1, writer.token).get(`/posts/${post}`)).body.post.liked, 'acknowledged like').toBe(true);
    for (const { id, writer } of ackedPosts)
      expect((await onNode(n1, writer.token).get(`/posts/${id}`)).status, 'acknowledged post').toBe(200);
    // The killed node comes back (as its supervisor would restart it) and repairs counters it may
    // have left one short; the check still reads through the node that never died.
    cluster.nodes[1] = await n2.restart();
    for (const post of posts) {
      const shown = (await author.api.get(`/posts/${post}`)).body.post;
      const comments = (await author.api.get(`/posts/${post}/comments`)).body.comments as Array<{ id: string }>;
      for (const c of ackedComments.filter((c) => c.post === post))
        expect(
          comments.map((x) => x.id),
          'acknowledged comment',
        ).toContain(c.id);
      // No half state: the counters equal the records behind them.
      const likeRecords = await store.collection('postlikes').countDocuments({ post: new Types.ObjectId(post) });
      expect(shown.counts.likes, `likes of ${post}`).toBe(likeRecords);
      expect(shown.counts.comments, `comments of ${post}`).toBe(comments.length);
    }
  });

  it.runIf(!outside)('Redis down: nodes report 503 naming Redis; back: healthy and delivering across nodes', async () => {
    const [n1, n2] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0]];
    const alice = await registerUser(n1, 'alice');
    const bob = await registerUser(n2, 'bob');
    await makeFriends(alice, bob);
    const bobSocket = await connectSocket(n2, bob.token, { reconnection: true });

    await cluster.stopRedis();
    for (const node of cluster.nodes)
      expect(await healthBecomes(node.url, 503, 15_000), node.id).toMatchObject({ ok: false, redis: 'down' });
    await cluster.startRedis();
    for (const node of cluster.nodes) expect(await healthBecomes(node.url, 200, 20_000), node.id).toMatchObject({ ok: true, redis: 'up' });

    // Health turns green when the connections are back and every subscription is confirmed again; a
    // live push published before a shard's subscriber is back is missed (its notification is not:
    // notifications:sync catches up). So: cross-node delivery resumes within seconds of health, each
    // attempt a new post. (This once never resumed: a shard's subscriber that reconnected with no
    // subscription confirmed yet came back deaf on RESP2; server/redis.ts.)
    let attempt = 0;
    const delivered = await waitFor(
      async () => {
        attempt += 1;
        const made = await apiClient(n1.url, alice.token).post('/posts', {
          kind: 'shuoshuo',
          text: `after redis came back ${attempt}`,
          privacy: 'friends',
        });
        expect(made.status).toBe(201);
        return nextEvent(bobSocket, 'feed:post', (p) => p.post.id === made.body.post.id, 2_000).catch(() => false);
      },
      { timeoutMs: 40_000, intervalMs: 0, what: 'cross-node delivery after Redis came back' },
    );
    expect(delivered).toBeTruthy();
  });
});
