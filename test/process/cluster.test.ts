/**
 * A real cluster of processes: three hub nodes, one Redis, one embedded store process. Delivery
 * crosses nodes; a node killed mid-traffic loses nothing its clients can't catch up on; Redis
 * restarts without leaving nodes deaf; a SIGTERM'd node hands its sockets over cleanly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationDto } from '../../shared/dto.js';
import { startCluster, type Cluster } from '../../scripts/cluster/start-cluster.js';
import {
  closeAllSockets,
  connectSocket,
  emitAck,
  makeFriends,
  nextEvent,
  registerUser,
  waitFor,
  type TestSocket,
  type TestUser,
} from '../helpers/index.js';

async function sync(socket: TestSocket, after: number): Promise<readonly NotificationDto[]> {
  const answer = await emitAck(socket, 'notifications:sync', { after });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.notifications;
}

async function waitHealthy(url: string, timeoutMs = 40_000): Promise<void> {
  await waitFor(
    () =>
      fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      ),
    { timeoutMs, intervalMs: 100, what: `${url} healthy` },
  );
}

describe('a cluster of three nodes', { timeout: 120_000 }, () => {
  let cluster: Cluster;
  let alice: TestUser, bob: TestUser, carol: TestUser;

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 3 });
    const [n1, n2, n3] = cluster.nodes;
    alice = await registerUser(n1!, 'alice');
    bob = await registerUser(n2!, 'bob');
    carol = await registerUser(n3!, 'carol');
    await makeFriends(alice, bob);
    await makeFriends(alice, carol);
  }, 120_000);

  afterAll(async () => {
    closeAllSockets();
    await cluster?.stop();
  });

  it('delivers a post made on node 1 to friends on nodes 2 and 3', async () => {
    const [, n2, n3] = cluster.nodes;
    const bobSocket = await connectSocket(n2!, bob.token);
    const carolSocket = await connectSocket(n3!, carol.token);
    const made = await alice.api.post('/posts', { kind: 'shuoshuo', text: 'hello from node 1', privacy: 'friends' });
    expect(made.status).toBe(201);
    const id = made.body.post.id as string;
    await expect(nextEvent(bobSocket, 'feed:post', (p) => p.post.id === id)).resolves.toMatchObject({
      post: { text: 'hello from node 1' },
    });
    await expect(nextEvent(carolSocket, 'feed:post', (p) => p.post.id === id)).resolves.toBeTruthy();
    bobSocket.close();
    carolSocket.close();
  });

  it('loses nothing when node 2 is killed mid-traffic: its client reconnects elsewhere within 5 s and syncs', async () => {
    const [, n2, n3] = cluster.nodes;
    const bobPost = await bob.api.post('/posts', { kind: 'shuoshuo', text: 'comment on me', privacy: 'friends' });
    const postId = bobPost.body.post.id as string;
    const bobSocket = await connectSocket(n2!, bob.token);
    const before = await sync(bobSocket, 0);
    const lastSeen = before.at(-1)?.seq ?? 0;

    // Alice comments through node 1 while node 2 dies under her.
    const acknowledged: string[] = [];
    const traffic = (async () => {
      for (let i = 0; i < 30; i += 1) {
        const res = await alice.api.post(`/posts/${postId}/comments`, { text: `comment ${i}` });
        if (res.status === 201) acknowledged.push(res.body.comment.id as string);
      }
    })();
    const disconnected = new Promise<number>((resolve) => bobSocket.once('disconnect', () => resolve(Date.now())));
    await waitFor(() => acknowledged.length > 0, { what: 'the first comment through node 1' }); // the kill lands mid-traffic
    n2!.child.process.kill('SIGKILL');
    const lostAt = await disconnected;
    // As a proxy would: the client's next connection lands on a live node.
    const again = await connectSocket(n3!, bob.token);
    expect(Date.now() - lostAt).toBeLessThan(5_000);
    await traffic;
    expect(acknowledged).toHaveLength(30);

    const missed = await sync(again, lastSeen);
    const commentNotes = missed.filter((n) => n.kind === 'comment');
    expect(commentNotes).toHaveLength(30);
    const seqs = missed.map((n) => n.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs[0]).toBe(lastSeen + 1);
    again.close();
    cluster.nodes[1] = await n2!.restart();
  });

  it('resumes cross-node delivery after Redis restarts', async () => {
    const n3 = cluster.nodes[2];
    const carolSocket = await connectSocket(n3!, carol.token, { reconnection: true });
    await cluster.restartRedis();
    await Promise.all(cluster.nodes.map((n) => waitHealthy(n.url)));
    const made = await alice.api.post('/posts', { kind: 'shuoshuo', text: 'after the redis restart', privacy: 'friends' });
    expect(made.status).toBe(201);
    await expect(nextEvent(carolSocket, 'feed:post', (p) => p.post.id === made.body.post.id, 15_000)).resolves.toBeTruthy();
    carolSocket.close();
  });

  it('hands sockets over on SIGTERM: told why, disconnected to reconnect, node exits 0', async () => {
    const [n1, , n3] = cluster.nodes;
    const carolSocket = await connectSocket(n3!, carol.token);
    const notice = nextEvent(carolSocket, 'server:notice', (p) => p.code === 'shutdown');
    const reason = new Promise<string>((resolve) => carolSocket.once('disconnect', (r) => resolve(r)));
    const exit = n3!.child.stop('SIGTERM');
    await expect(notice).resolves.toBeTruthy();
    // "transport close" (not "io server disconnect") is what makes a Socket.IO client reconnect by itself.
    expect(await reason).toBe('transport close');
    expect(await exit, n3!.child.output()).toBe(0);
    const moved = await connectSocket(n1!, carol.token);
    expect((await emitAck(moved, 'ping', {})).ok).toBe(true);
    cluster.nodes[2] = await n3!.restart();
  });
});
