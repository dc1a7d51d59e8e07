/**
 * `npm run bench -- remote-fanout [rounds] [--hub-root DIR]`: what a post's deliveries cost the node
 * that *hears* it through Redis, against what the same deliveries cost the node where it was made.
 * Two uws hubs (processes of their own, their CPU read from each) share one Redis and one store. The
 * author has 200 friends, each with one socket on node A and one on node B; the author posts on A.
 * Per round, in turn: a friends post (200 deliveries on each node) and a private post (none: the cost
 * of taking a post in). Node A's fan-out is its CPU for the friends post less the private post's;
 * node B's is its CPU while the friends post arrives (less the same for the private post: background).
 * `--hub-root` runs another checkout's hub (e.g. an export of an earlier commit) for a before/after.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { makeFriendGraph } from '../loadtest/friend-graph.js';
import { startHubNode, startRedisProcess, startStoreProcess, type HubNode } from '../loadtest/processes.js';
import { seedStore, type SeededUser } from '../loadtest/seed.js';
import { intArg, parseCli } from '../cli-args.js';
import { benchHubEnv, rest } from './bench-hub.js';

export const benchCli = {
  usage: `usage: npm run bench -- remote-fanout [rounds] [--hub-root DIR]

Hub CPU per 1 000 deliveries of a post on the node it was made on (local) and on a node that hears it
through Redis (remote), two uws hubs, 200 friends with a socket on each.

  rounds           rounds of one friends and one private post each (default 30)
  --hub-root DIR   the checkout whose hub runs (default: this one)`,
  options: { 'hub-root': { type: 'string' } },
  positionals: true,
} as const;

const friendsOnline = 200;
type Kind = 'friends' | 'private';

const cpuOf = async (hub: HubNode): Promise<number> => {
  const c = await hub.cpuMicros();
  return c.user + c.system;
};

export async function run(args: string[]): Promise<unknown> {
  const parsed = parseCli(benchCli, args);
  const rounds = intArg(parsed.positionals[0], '[rounds]', 1, 100_000) ?? 30;
  const hubRoot = parsed.values['hub-root'];
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-bench-remote-'));
  const store = await startStoreProcess(path.join(dir, 'store'));
  const redis = await startRedisProcess();
  const secret = randomBytes(32).toString('hex');
  const users: SeededUser[] = await seedStore(store.uri, makeFriendGraph(friendsOnline + 1, friendsOnline), 'rf', secret, () => undefined);
  const node = (label: string) =>
    startHubNode({
      label,
      logDir: dir,
      ...(hubRoot ? { hubRoot } : {}),
      env: benchHubEnv(path.join(dir, label), secret, store.uri, { REDIS_URL: redis.url }),
    });
  const [a, b] = await Promise.all([node('node-a'), node('node-b')]);
  const sockets: Socket[] = [];
  try {
    const [author, ...friends] = users as [SeededUser, ...SeededUser[]];
    // Deliveries counted per node and post id; a waiter per post resolves when both nodes are done.
    const got = { a: new Map<string, number>(), b: new Map<string, number>() };
    const waiters = new Map<string, { target: number; done: () => void }>();
    const delivered = (id: string) => (got.a.get(id) ?? 0) + (got.b.get(id) ?? 0);
    const listen = (side: 'a' | 'b') => (p: { post: { id: string } }) => {
      got[side].set(p.post.id, (got[side].get(p.post.id) ?? 0) + 1);
      const w = waiters.get(p.post.id);
      if (w && delivered(p.post.id) >= w.target) w.done();
    };
    for (const f of friends) {
      for (const [side, hub] of [['a', a] as const, ['b', b] as const]) {
        const socket = io(hub.realtimeUrl, { auth: { token: f.token }, transports: ['websocket'], reconnection: false });
        socket.on('feed:post', listen(side));
        sockets.push(socket);
      }
    }
    await Promise.all(
      sockets.map(
        (s) => new Promise<void>((res, rej) => (s.connected ? res() : (s.once('connect', () => res()), s.once('connect_error', rej)))),
      ),
    );

    const expected: Record<Kind, number> = { friends: 2 * friendsOnline, private: 0 };
    /** Each node's CPU (µs) for one post of `kind`, from before the request to its last delivery. */
    async function onePost(kind: Kind, n: number): Promise<{ a: number; b: number }> {
      const [a0, b0] = await Promise.all([cpuOf(a), cpuOf(b)]);
      let done = () => undefined as void;
      const all = new Promise<void>((res) => (done = res));
      const answer = await rest(a.url, author.token, 'POST', '/posts', { kind: 'shuoshuo', text: `${kind} ${n}`, privacy: kind });
      const id = (answer.post as { id: string }).id;
      if (delivered(id) >= expected[kind]) done();
      else waiters.set(id, { target: expected[kind], done });
      await all;
      waiters.delete(id);
      const [a1, b1] = await Promise.all([cpuOf(a), cpuOf(b)]);
      if (kind === 'friends' && (got.a.get(id) !== friendsOnline || got.b.get(id) !== friendsOnline)) {
        throw new Error(`post ${id}: ${got.a.get(id)} deliveries on A and ${got.b.get(id)} on B, expected ${friendsOnline} each`);
      }
      return { a: a1 - a0, b: b1 - b0 };
    }

    for (let i = 0; i < 3; i++) for (const kind of ['friends', 'private'] as const) await onePost(kind, -i); // warm-up
    const cpu: Record<Kind, { a: number[]; b: number[] }> = { friends: { a: [], b: [] }, private: { a: [], b: [] } };
    for (let r = 0; r < rounds; r++) {
      for (const kind of ['friends', 'private'] as const) {
        const used = await onePost(kind, r);
        cpu[kind].a.push(used.a);
        cpu[kind].b.push(used.b);
      }
    }

    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const ms = (us: number) => Number((us / 1000).toFixed(3));
    const local = ((median(cpu.friends.a) - median(cpu.private.a)) / friendsOnline) * 1000;
    const remote = ((median(cpu.friends.b) - median(cpu.private.b)) / friendsOnline) * 1000;
    const result = {
      engine: 'uws',
      hub: hubRoot ?? 'this checkout',
      rounds,
      friendsOnline,
      hubCpuMsPerPost: {
        nodeA: { friends: ms(median(cpu.friends.a)), private: ms(median(cpu.private.a)) },
        nodeB: { friends: ms(median(cpu.friends.b)), private: ms(median(cpu.private.b)) },
      },
      fanoutCpuMsPer1kDeliveries: { local: ms(local), remote: ms(remote) },
      ratioRemoteToLocal: Number((remote / local).toFixed(2)),
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    for (const s of sockets) s.close();
    await Promise.all([a.stop(), b.stop()]);
    await redis.stop();
    await store.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
