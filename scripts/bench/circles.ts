/**
 * `npm run bench -- circles [rounds]`: the live fan-out of a post limited to one friend group
 * against a friends post, on one uws hub (its own process, its CPU read from it), the store in a
 * process of its own. The author has 200 friends online (one socket each); the group holds 50 of
 * them. Per round, in turn: a friends post (200 deliveries: one native publish to the audience
 * room), a group post (50 deliveries: one native publish to the group's room, `rooms.group`) and a private post
 * (no delivery: the cost of taking a post in at all, the same for every kind). Reports hub CPU per
 * post and per 1,000 deliveries, raw and with the private post's cost taken off (the fan-out alone).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { makeFriendGraph } from '../loadtest/friend-graph.js';
import { startHubNode, startStoreProcess } from '../loadtest/processes.js';
import { seedStore, type SeededUser } from '../loadtest/seed.js';
import { intArg, parseCli } from '../cli-args.js';
import { benchHubEnv, rest } from './bench-hub.js';

export const benchCli = {
  usage: `usage: npm run bench -- circles [rounds]

Hub CPU per post and per 1 000 deliveries of a friend-group post against a friends post.

  rounds   rounds of one friends, one group and one private post each (default 30)`,
  options: {},
  positionals: true,
} as const;

const friendsOnline = 200;
const groupSize = 50;
type Kind = 'friends' | 'groups' | 'private';

export async function run(args: string[]): Promise<unknown> {
  const rounds = intArg(parseCli(benchCli, args).positionals[0], '[rounds]', 1, 100_000) ?? 30;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-bench-circles-'));
  const store = await startStoreProcess(path.join(dir, 'store'));
  const secret = randomBytes(32).toString('hex');
  const users: SeededUser[] = await seedStore(store.uri, makeFriendGraph(friendsOnline + 1, friendsOnline), 'cb', secret, () => undefined);
  const hub = await startHubNode({
    label: 'hub-uws',
    logDir: dir,
    env: benchHubEnv(path.join(dir, 'hub'), secret, store.uri),
  });
  const sockets: Socket[] = [];
  try {
    const [author, ...friends] = users as [SeededUser, ...SeededUser[]];
    const group = (await rest(hub.url, author.token, 'POST', '/groups', { name: 'bench' })).group as { id: string };
    await rest(hub.url, author.token, 'PATCH', `/groups/${group.id}`, { members: friends.slice(0, groupSize).map((f) => f.handle) });

    // Deliveries counted per post id, across all sockets; a waiter per post resolves at its target.
    const got = new Map<string, number>();
    const waiters = new Map<string, { target: number; done: () => void }>();
    const onPost = ({ post }: { post: { id: string } }) => {
      const n = (got.get(post.id) ?? 0) + 1;
      got.set(post.id, n);
      const w = waiters.get(post.id);
      if (w && n >= w.target) w.done();
    };
    for (const f of friends) {
      const socket = io(hub.realtimeUrl, { auth: { token: f.token }, transports: ['websocket'], reconnection: false });
      socket.on('feed:post', onPost);
      sockets.push(socket);
    }
    await Promise.all(
      sockets.map(
        (s) => new Promise<void>((res, rej) => (s.connected ? res() : (s.once('connect', () => res()), s.once('connect_error', rej)))),
      ),
    );

    const expected: Record<Kind, number> = { friends: friendsOnline, groups: groupSize, private: 0 };
    const body: Record<Kind, object> = {
      friends: { privacy: 'friends' },
      groups: { privacy: 'groups', groups: [group.id] },
      private: { privacy: 'private' },
    };
    /** Hub CPU (µs) of one post of `kind`, from before the request to its last delivery. */
    async function onePost(kind: Kind, n: number): Promise<number> {
      const before = await hub.cpuMicros();
      let done = () => undefined as void;
      const delivered = new Promise<void>((res) => (done = res));
      // The id is known only from the answer: deliveries that come first are counted under it anyway.
      const answer = await rest(hub.url, author.token, 'POST', '/posts', { kind: 'shuoshuo', text: `${kind} ${n}`, ...body[kind] });
      const id = (answer.post as { id: string }).id;
      if ((got.get(id) ?? 0) >= expected[kind]) done();
      else waiters.set(id, { target: expected[kind], done });
      await delivered;
      waiters.delete(id);
      const after = await hub.cpuMicros();
      return after.user - before.user + (after.system - before.system);
    }

    for (let i = 0; i < 3; i++) for (const kind of ['friends', 'groups', 'private'] as const) await onePost(kind, -i); // warm-up
    const cpu: Record<Kind, number[]> = { friends: [], groups: [], private: [] };
    for (let r = 0; r < rounds; r++) for (const kind of ['friends', 'groups', 'private'] as const) cpu[kind].push(await onePost(kind, r));

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ms = (us: number) => Number((us / 1000).toFixed(3));
    const perPost = { friends: median(cpu.friends), groups: median(cpu.groups), private: median(cpu.private) };
    const per1k = (kind: 'friends' | 'groups') => (perPost[kind] / expected[kind]) * 1000;
    const fanout1k = (kind: 'friends' | 'groups') => ((perPost[kind] - perPost.private) / expected[kind]) * 1000;
    const result = {
      engine: 'uws',
      rounds,
      friendsOnline,
      groupSize,
      hubCpuMsPerPost: { friends: ms(perPost.friends), groups: ms(perPost.groups), private: ms(perPost.private) },
      hubCpuMsPer1kDeliveries: { friends: ms(per1k('friends')), groups: ms(per1k('groups')) },
      fanoutCpuMsPer1kDeliveries: { friends: ms(fanout1k('friends')), groups: ms(fanout1k('groups')) },
      ratioGroupsToFriends: {
        raw: Number((per1k('groups') / per1k('friends')).toFixed(2)),
        fanoutOnly: Number((fanout1k('groups') / fanout1k('friends')).toFixed(2)),
      },
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    for (const s of sockets) s.close();
    await hub.stop();
    await store.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
