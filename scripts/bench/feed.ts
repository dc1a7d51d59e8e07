/**
 * Feed benchmark: 1k users with ~100 friends each and 100k posts, seeded straight into the
 * embedded store through the posts models, then the first feed page measured through the posts
 * service and through HTTP (p50/p95/p99, sequential requests), plus the two ways of writing the
 * feed query at store level (one `$or` query vs own + friends queries merged), and the memory of
 * the process (hub, store and this client in one) after a full GC, per post seeded.
 *   npm run bench -- feed [--users 1000] [--posts 100000] [--friends 100] [--requests 2000] [--limit 20] [--profile FILE]
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import mongoose, { Types, type Connection } from 'mongoose';
import type { PostStatus, Privacy } from '../../shared/dto.js';
import type { Hub } from '../../server/app.js';
import { startEmbeddedStore } from '../../server/db/embedded/index.js';
import { userModel } from '../../server/modules/accounts/model.js';
import { createTokenSigner } from '../../server/modules/accounts/tokens.js';
import type { Viewer } from '../../server/modules/accounts/viewer.js';
import { friendEdgeModel } from '../../server/modules/friends/model.js';
import { postModel, type PostRecord } from '../../server/modules/posts/post-model.js';
import { cli, intArg, parseCli } from '../cli-args.js';

const secret = 'bench-secret-0123456789abcdef0123';

const str = { type: 'string' } as const;
export const benchCli = {
  usage: `usage: npm run bench -- feed [--users N] [--posts N] [--friends N] [--requests N] [--limit N] [--profile FILE] [--data DIR]

The first feed page through the posts service and through HTTP (p50/p95/p99), seeded into the
embedded store, the two ways of writing the feed query at store level, and the process's memory
(hub and store share it) after a full GC, before and after the posts are seeded.

  --users N      users (default 1000)
  --posts N      posts (default 100000)
  --friends N    friends each (default 100)
  --requests N   sequential requests measured (default 2000)
  --limit N      posts per page (default 20)
  --profile FILE a V8 CPU profile (.cpuprofile) of the HTTP requests measured
  --data DIR     keep the store's data in DIR and, when it already holds this seed (same users,
                 posts, friends), load it instead of seeding (no per-post memory figure then)`,
  options: { users: str, posts: str, friends: str, requests: str, limit: str, profile: str, data: str },
} as const;

/** A small deterministic PRNG, so runs seed the same data. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Stats {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(2);
  return {
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: +s[s.length - 1]!.toFixed(2),
    mean: +(s.reduce((a, b) => a + b, 0) / s.length).toFixed(2),
  };
}

async function measure(n: number, fn: (i: number) => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

/** Documents per insert command (a 20 000-post chunk is ~5 MB of BSON, under the 48 MB message limit). */
const CHUNK = 20_000;

async function insertInChunks(label: string, total: number, make: (i: number) => object, insert: (docs: object[]) => Promise<unknown>) {
  const t = performance.now();
  for (let i = 0; i < total; i += CHUNK) {
    const docs: object[] = [];
    for (let j = i; j < Math.min(total, i + CHUNK); j++) docs.push(make(j));
    await insert(docs);
  }
  process.stdout.write(`  seeded ${total} ${label} in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}

/**
 * Heap figures after a full GC (several passes: the first frees young garbage, later ones what it
 * kept reachable). `rss` is process.memoryUsage().rss, the same figure as VmRSS in /proc/self/status.
 */
const gc = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

interface Memory {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

function memoryAfterGc(): Memory {
  for (let i = 0; i < 3; i++) gc();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
}

/** Peak resident set size so far (VmHWM), in bytes; undefined where /proc is not there. */
function peakRss(): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Users, friend edges, then posts. Edges and posts go in with `lean: true` (no mongoose documents
 * built, cast or validated: that was most of the seeding time), so each carries every field the
 * model would have given it, in the model's order, `_id` last: the stored documents are the same.
 * `beforePosts` runs between the edges and the posts (the memory baseline for the posts).
 */
async function seed(conn: Connection, users: number, posts: number, friends: number, beforePosts: () => void): Promise<Types.ObjectId[]> {
  const rnd = prng(42);
  const userIds = Array.from({ length: users }, () => new Types.ObjectId());
  await insertInChunks(
    'users',
    users,
    (i) => ({
      _id: userIds[i],
      handle: `bench_${i}`,
      displayName: `Bench ${i}`,
      passwordHash: 'scrypt$unused',
      role: 'user',
      tier: 'basic',
    }),
    (docs) => userModel(conn).insertMany(docs, { ordered: false }),
  );

  // A ring: each user is friends with the `friends / 2` users on either side (symmetric, exact degree).
  const half = Math.floor(friends / 2);
  const since = new Date();
  await insertInChunks(
    'friend edges',
    users * half * 2,
    (k) => {
      const i = Math.floor(k / (half * 2));
      const d = (k % (half * 2)) - half;
      const j = (i + (d >= 0 ? d + 1 : d) + users) % users;
      return { user: userIds[i], friend: userIds[j], since, _id: new Types.ObjectId() };
    },
    (docs) => friendEdgeModel(conn).insertMany(docs, { ordered: false, lean: true }),
  );
  beforePosts();

  const now = Date.now();
  const privacies = ['public', 'public', 'public', 'friends', 'friends', 'private'] as const;
  await insertInChunks(
    'posts',
    posts,
    () => {
      const r = rnd();
      return {
        author: userIds[Math.floor(rnd() * users)],
        kind: 'shuoshuo',
        text: `bench post ${Math.floor(r * 1e9)}`,
        images: [],
        privacy: privacies[Math.floor(rnd() * privacies.length)],
        status: r < 0.02 ? 'held' : 'published',
        // Spread over 30 days; ties in milliseconds are possible and exercise the _id tie-break.
        createdAt: new Date(now - Math.floor(rnd() * 30 * 24 * 3600 * 1000)),
        likes: 0,
        comments: 0,
        moderatedBy: null,
        repostOf: null,
        reposts: 0,
        _id: new Types.ObjectId(),
      };
    },
    (docs) => postModel(conn).insertMany(docs, { ordered: false, lean: true }),
  );
  return userIds;
}

/** The user ids of a seed loaded from --data, in seeding order (`bench_<i>`). */
async function seededUserIds(conn: Connection, users: number): Promise<Types.ObjectId[]> {
  const found = await userModel(conn).find({}, { handle: 1 }).lean<Array<{ _id: Types.ObjectId; handle: string }>>();
  const ids: Types.ObjectId[] = [];
  for (const u of found) {
    const m = /^bench_(\d+)$/.exec(u.handle);
    if (m) ids[Number(m[1])] = u._id;
  }
  if (ids.length !== users || ids.some((id) => !id)) throw new Error(`--data: expected ${users} bench users`);
  return ids;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseCli(benchCli, args);
  const users = intArg(values.users, 'users', 1, 10_000_000) ?? 1000;
  const posts = intArg(values.posts, 'posts', 1, 100_000_000) ?? 100_000;
  const friends = intArg(values.friends, 'friends', 1, 100_000) ?? 100;
  const requests = intArg(values.requests, 'requests', 1, 100_000_000) ?? 2000;
  const limit = intArg(values.limit, 'limit', 1, 1000) ?? 20;
  // The hub is loaded here, not at the top: `--help` stays quick.
  const [{ startHub }, { loadConfig }] = await Promise.all([import('../../server/app.js'), import('../../server/config.js')]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-bench-feed-'));
  // --data: a seeded store kept between runs (seeding 1 M posts takes minutes; loading them less).
  const dataDir = values.data ? path.resolve(values.data) : undefined;
  const seedTag = JSON.stringify({ users, posts, friends, seed: 42 });
  const marker = dataDir ? path.join(dataDir, 'bench-feed-seed.json') : undefined;
  const reuse = marker !== undefined && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === seedTag;
  if (dataDir && !reuse) fs.rmSync(dataDir, { recursive: true, force: true });
  const loadStart = performance.now();
  const store = await startEmbeddedStore({ dir: dataDir ?? path.join(dir, 'db') });
  if (reuse)
    process.stdout.write(`  loaded the seeded store from ${dataDir} in ${((performance.now() - loadStart) / 1000).toFixed(1)} s\n`);
  const uri = `${store.uri}/kongjian`;
  let hub: Hub | undefined;
  let conn: Connection | undefined;
  try {
    hub = await startHub(
      loadConfig({
        PORT: '0',
        WS_PORT: '0',
        HOST: '127.0.0.1',
        REALTIME_ENGINE: 'ws',
        DATA_DIR: dir,
        LOG_LEVEL: 'silent',
        RATE_LIMIT_SCALE: '1000',
        SECRET: secret,
        MONGODB_URI: uri,
      }),
      { clientDir: path.join(dir, 'no-client') },
    );
    conn = await mongoose.createConnection(uri, { autoIndex: false, maxPoolSize: 8 }).asPromise();
    process.stdout.write(`feed benchmark: ${users} users, ~${friends} friends each, ${posts} posts, page size ${limit}\n`);
    const memStart = memoryAfterGc();
    let memBeforePosts = memStart;
    const userIds = reuse
      ? await seededUserIds(conn, users)
      : await seed(conn, users, posts, friends, () => (memBeforePosts = memoryAfterGc()));
    if (marker && !reuse) fs.writeFileSync(marker, seedTag);
    const memAfterPosts = memoryAfterGc();
    const tokens = createTokenSigner(secret, 3600);
    const viewerAt = (i: number): Viewer => {
      const id = userIds[(i * 7919) % users]!.toHexString();
      return { id, handle: `bench_${(i * 7919) % users}`, role: 'user', tier: 'basic' };
    };
    const service = hub.services.posts;
    const h = hub;

    // A second page needs the first one's cursor: collect a few to page from.
    const firstPage = await measure(requests, (i) => service.feed(viewerAt(i), { limit }));
    let rows = 0;
    for (let i = 0; i < 100; i++) rows += (await service.feed(viewerAt(i), { limit })).posts.length;
    const cursors = await Promise.all(Array.from({ length: 100 }, async (_, i) => (await service.feed(viewerAt(i), { limit })).next));
    const secondPage = await measure(requests, (i) => service.feed(viewerAt(i % 100), { limit, before: cursors[i % 100] ?? undefined }));
    const profiler = values.profile ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const http = await measure(requests, async (i) => {
      const res = await fetch(`${h.url}/api/feed?limit=${limit}`, { headers: { authorization: `Bearer ${tokens.sign(viewerAt(i).id)}` } });
      if (res.status !== 200) throw new Error(`feed answered ${res.status}`);
      await res.arrayBuffer();
    });
    if (profiler && values.profile) {
      const { profile } = await profiler.post('Profiler.stop');
      fs.writeFileSync(values.profile, JSON.stringify(profile));
      profiler.disconnect();
    }

    // Store level: the single $or query the service runs, vs own + friends queries merged.
    const Post = postModel(conn);
    const Edges = friendEdgeModel(conn);
    const friendsOf = async (id: Types.ObjectId) => (await Edges.find({ user: id }, { friend: 1 }).lean()).map((e) => e.friend);
    const sort = { createdAt: -1, _id: -1 } as const;
    const own = (self: Types.ObjectId) => ({
      author: self,
      status: { $in: ['published', 'held', 'review'] as PostStatus[] },
      privacy: { $in: ['public', 'friends', 'private'] as Privacy[] },
    });
    const ofFriends = (ids: Types.ObjectId[]) => ({
      author: { $in: ids },
      status: 'published' as const,
      privacy: { $in: ['public', 'friends'] as Privacy[] },
    });
    const oneQuery = await measure(Math.min(requests, 1000), async (i) => {
      const self = userIds[(i * 7919) % users]!;
      const f = await friendsOf(self);
      await Post.find({ author: { $in: [self, ...f] }, $or: [own(self), ofFriends(f)] })
        .sort(sort)
        .limit(limit + 1)
        .lean<PostRecord[]>();
    });
    const twoQueries = await measure(Math.min(requests, 1000), async (i) => {
      const self = userIds[(i * 7919) % users]!;
      const f = await friendsOf(self);
      const [a, b] = await Promise.all([
        Post.find(own(self))
          .sort(sort)
          .limit(limit + 1)
          .lean<PostRecord[]>(),
        Post.find(ofFriends(f))
          .sort(sort)
          .limit(limit + 1)
          .lean<PostRecord[]>(),
      ]);
      [...a, ...b]
        .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y._id.toHexString() > x._id.toHexString() ? 1 : -1))
        .slice(0, limit + 1);
    });

    // Where the time goes: the friend list, and the friends' posts query given the friend list.
    const friendLists = await Promise.all(userIds.slice(0, 100).map(friendsOf));
    const friendList = await measure(Math.min(requests, 1000), (i) => friendsOf(userIds[(i * 7919) % users]!));
    const postsOnly = await measure(Math.min(requests, 1000), (i) =>
      Post.find(ofFriends(friendLists[i % 100]!))
        .sort(sort)
        .limit(limit + 1)
        .lean(),
    );

    const table: Record<string, Stats> = {
      'service.feed, first page': firstPage,
      'service.feed, second page': secondPage,
      'GET /api/feed (HTTP)': http,
      'store: one $or query': oneQuery,
      'store: own + friends merged': twoQueries,
      'store: friend list alone': friendList,
      "store: friends' posts query alone": postsOnly,
    };
    const width = Math.max(...Object.keys(table).map((k) => k.length));
    process.stdout.write(`\n  ${'ms'.padEnd(width)}     p50     p95     p99     max    mean\n`);
    for (const [k, s] of Object.entries(table)) {
      process.stdout.write(
        `  ${k.padEnd(width)}  ${[s.p50, s.p95, s.p99, s.max, s.mean].map((v) => v.toFixed(2).padStart(6)).join('  ')}\n`,
      );
    }
    const avgRows = +(rows / 100).toFixed(1);
    process.stdout.write(`  posts per first page (avg): ${avgRows}; target p99 ≤ 10 ms over HTTP: ${http.p99 <= 10 ? 'met' : 'NOT met'}\n`);

    // Memory: hub, store and this client share the process; the posts' share is the growth over
    // their seeding (users and edges were in before the baseline).
    const memEnd = memoryAfterGc();
    const mb = (n: number) => (n / 2 ** 20).toFixed(0).padStart(7);
    const memRows: Record<string, Memory> = reuse
      ? { 'start (store loaded from --data)': memStart, 'after the measurements': memEnd }
      : {
          'start (hub and store up, empty)': memStart,
          'users and friend edges seeded': memBeforePosts,
          'posts seeded': memAfterPosts,
          'after the measurements': memEnd,
        };
    const mwidth = Math.max(...Object.keys(memRows).map((k) => k.length));
    process.stdout.write(`\n  memory after a full GC, MiB ${' '.repeat(Math.max(0, mwidth - 26))}    rss   heap  external  arrayBuffers\n`);
    for (const [k, m] of Object.entries(memRows)) {
      process.stdout.write(`  ${k.padEnd(mwidth)}  ${mb(m.rss)}${mb(m.heapUsed)}${mb(m.external)}   ${mb(m.arrayBuffers)}\n`);
    }
    const perPost = (key: keyof Memory) => Math.round((memAfterPosts[key] - memBeforePosts[key]) / posts);
    const perPostBytes = reuse ? undefined : { rss: perPost('rss'), heapUsed: perPost('heapUsed'), external: perPost('external') };
    const peak = peakRss();
    process.stdout.write(
      (perPostBytes
        ? `  per post seeded: ${perPostBytes.rss} B rss, ${perPostBytes.heapUsed} B heap, ${perPostBytes.external} B external`
        : '  per post: not measured (store loaded from --data)') +
        `${peak === undefined ? '' : `; peak rss (VmHWM) ${(peak / 2 ** 20).toFixed(0)} MiB`}\n`,
    );
    const memory = { ...memRows, perPost: perPostBytes, peakRss: peak };
    console.log(JSON.stringify({ bench: 'feed', users, posts, friends, requests, limit, avgRows, results: table, memory }));
  } finally {
    await conn?.close();
    await hub?.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli({ command: 'scripts/bench/feed.ts', ...benchCli }, () => undefined);
  run(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
