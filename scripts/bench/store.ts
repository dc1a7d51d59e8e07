/**
 * Embedded store benchmark, through mongoose, against fresh stores in temp dirs.
 *   npm run bench -- store [--inproc] [--posts 100000] [--authors 1000] [--pool 32]
 *                          [--baseline <commit>] [--store-prof DIR] [--monitor]
 *   npm run bench -- store --memory [--docs 100000,1000000] [--baseline <commit>]
 *   node --import tsx scripts/bench/store.ts
 * By default the store runs in its own process (as with `npm run db`), so the store and the
 * client each get a core; --inproc runs it inside the benchmark process (as `npm start` does).
 *
 * The machine is shared, so absolute figures swing with other people's load. `--baseline
 * <commit>` also starts the store as it was at that commit (extracted with `git archive`) and
 * runs every phase on both, alternating which goes first, printing the ratio current/baseline:
 * both sides see the same load, so the ratio is what to trust. `--store-prof DIR` writes a
 * CPU profile of each store child process into DIR. `--monitor` connects with
 * `monitorCommands: true` as server/db/connect.ts does (the driver then builds an event per command).
 * The "raw" metrics drive the store with pre-encoded OP_MSG over plain sockets (one request in
 * flight per socket, like the driver's pool) so they show what the store itself sustains once
 * mongoose and the driver (which cost more CPU per operation than the store) are out of the way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ObjectId, serialize } from 'bson';
import mongoose, { Schema, type Connection, type Model, type Types } from 'mongoose';
import { runMemory } from './store-memory.js';
import { cli, intArg, parseCli, UsageError } from '../cli-args.js';
import { currentModule, extractBaseline, opMsg, rawSocket, root, type StoreModule } from './store-wire.js';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

async function concurrent(total: number, callers: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (next < total) await fn(next++);
    }),
  );
  return total / ((performance.now() - t) / 1000);
}

interface RunningStore {
  uri: string;
  stop(): Promise<void>;
}

async function startChildStore(modulePath: string, dir: string, profDir: string | undefined): Promise<RunningStore> {
  const flags = profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...flags, '--import', 'tsx', fileURLToPath(import.meta.url), '--serve', modulePath, '--dir', dir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: root,
    },
  );
  const uri = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      const m = /uri=(\S+)/.exec(buf);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`store exited with ${code}`)));
  });
  return {
    uri,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Child mode: run one store until SIGTERM. */
async function serve(modulePath: string, dir: string): Promise<void> {
  const mod = (await import(pathToFileURL(modulePath).href)) as StoreModule;
  const store = await mod.startEmbeddedStore({ dir, port: 0 });
  console.log(`store ready uri=${store.uri}`);
  process.once('SIGTERM', () => {
    void store.close().then(() => process.exit(0));
  });
}

/** One store under test, its connection, models and the state phases hand on to each other. */
interface Target {
  label: string;
  dir: string;
  store: RunningStore;
  conn: Connection;
  User: Model<{ name: string; email: string; karma: number; createdAt: Date }>;
  Post: Model<{ author: Types.ObjectId; status: string; privacy: string; body: string; createdAt: Date }>;
  userIds: unknown[];
  figures: Map<string, number>;
}

async function openTarget(
  label: string,
  modulePath: string,
  inproc: boolean,
  pool: number,
  monitor: boolean,
  profDir: string | undefined,
): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-bench-store-'));
  let store: RunningStore;
  if (inproc) {
    const mod = (await import(pathToFileURL(modulePath).href)) as StoreModule;
    const s = await mod.startEmbeddedStore({ dir });
    store = { uri: s.uri, stop: () => s.close() };
  } else {
    store = await startChildStore(modulePath, dir, profDir);
  }
  const conn = await mongoose.createConnection(`${store.uri}/bench`, { maxPoolSize: pool, monitorCommands: monitor }).asPromise();
  const User = conn.model(
    'BenchUser',
    new Schema({ name: { type: String, unique: true }, email: String, karma: Number, createdAt: Date }),
  ) as unknown as Target['User'];
  const postSchema = new Schema({
    author: { type: Schema.Types.ObjectId, required: true },
    status: String,
    privacy: String,
    body: String,
    createdAt: Date,
  });
  postSchema.index({ author: 1, createdAt: -1, _id: -1 });
  postSchema.index({ createdAt: -1 });
  const Post = conn.model('BenchPost', postSchema) as unknown as Target['Post'];
  await User.init();
  await Post.init();
  return { label, dir, store, conn, User, Post, userIds: [], figures: new Map() };
}

interface Phase {
  /** Runs the phase on one target; returns metric -> value (higher-is-better unless the name says ms). */
  run(t: Target): Promise<Record<string, number>>;
}

function phases(posts: number, authors: number, pool: number): Phase[] {
  const nUsers = 20_000;
  const authorIds: Types.ObjectId[] = Array.from({ length: authors }, () => new mongoose.Types.ObjectId());
  const t0 = Date.now() - posts * 1000;
  const statuses = ['published', 'published', 'published', 'draft'];
  const privacies = ['public', 'friends', 'private'];
  return [
    {
      async run(t) {
        const rate = await concurrent(nUsers, 64, (i) =>
          t.User.create({ name: `user${i}`, email: `u${i}@example.com`, karma: i % 100, createdAt: new Date() }),
        );
        return { 'inserts/s (Model.create, 64 callers)': rate };
      },
    },
    {
      async run(t) {
        t.userIds = (await t.User.find({}, { _id: 1 }).lean()).map((u) => u._id);
        const ids = t.userIds;
        return {
          'point reads/s (findById, 64 callers)': await concurrent(40_000, 64, (i) => t.User.findById(ids[(i * 7919) % ids.length]).lean()),
          'point reads/s (findOne unique name)': await concurrent(20_000, 64, (i) =>
            t.User.findOne({ name: `user${(i * 31) % nUsers}` }).lean(),
          ),
        };
      },
    },
    {
      async run(t) {
        const loadStart = performance.now();
        for (let i = 0; i < posts; i += 1000) {
          const batch = [];
          for (let j = i; j < Math.min(posts, i + 1000); j++) {
            batch.push({
              author: authorIds[(j * 7) % authors],
              status: statuses[j % 4],
              privacy: privacies[j % 3],
              body: `post ${j} lorem ipsum dolor sit amet`,
              createdAt: new Date(t0 + j * 1000),
            });
          }
          await t.Post.insertMany(batch, { lean: true });
        }
        return { 'bulk load docs/s (insertMany x1000)': posts / ((performance.now() - loadStart) / 1000) };
      },
    },
    {
      async run(t) {
        const range = await timed(500, () => {
          const from = new Date(t0 + Math.floor(Math.random() * posts) * 1000);
          return t.Post.find({ createdAt: { $gte: from, $lt: new Date(from.getTime() + 3_600_000) } })
            .sort({ createdAt: -1 })
            .limit(20)
            .lean();
        });
        return { 'range query p50 ms': pct(range, 50), 'range query p99 ms': pct(range, 99) };
      },
    },
    {
      async run(t) {
        // Feed query: $in over 100 authors, status/privacy filters, createdAt cursor, sorted, limit 20.
        let rows = 0;
        const feed = await timed(500, async () => {
          const follow = Array.from({ length: 100 }, () => authorIds[Math.floor(Math.random() * authors)]!);
          const cursorDate = new Date(t0 + Math.floor((0.5 + Math.random() * 0.5) * posts) * 1000);
          const r = await t.Post.find({
            author: { $in: follow },
            status: 'published',
            privacy: { $in: ['public', 'friends'] },
            createdAt: { $lt: cursorDate },
          })
            .sort({ createdAt: -1, _id: -1 })
            .limit(20)
            .lean();
          rows += r.length;
        });
        return { 'feed query p50 ms': pct(feed, 50), 'feed query p99 ms': pct(feed, 99), 'feed rows/query (avg)': rows / 500 };
      },
    },
    {
      async run(t) {
        const countStart = performance.now();
        await t.Post.countDocuments({ status: 'published' });
        return { 'countDocuments over all posts ms': performance.now() - countStart };
      },
    },
    rawPhase(posts, authorIds, t0, pool),
  ];
}

async function rawConcurrent(uri: string, sockets: number, msgs: (i: number) => Buffer, total: number): Promise<number> {
  const socks = await Promise.all(Array.from({ length: sockets }, () => rawSocket(uri)));
  try {
    let next = 0;
    const t = performance.now();
    await Promise.all(
      socks.map(async (sock) => {
        while (next < total) await sock.call(msgs(next++));
      }),
    );
    return total / ((performance.now() - t) / 1000);
  } finally {
    for (const s of socks) s.close();
  }
}

function rawPhase(posts: number, authorIds: readonly Types.ObjectId[], t0: number, pool: number): Phase {
  return {
    async run(t) {
      const lsid = { id: new ObjectId() };
      const inserts = Array.from({ length: 20_000 }, (_, i) =>
        opMsg({ insert: 'rawinserts', ordered: true, lsid, $db: 'bench' }, [
          'documents',
          [Buffer.from(serialize({ _id: new ObjectId(), name: `r${i}`, karma: i % 100, createdAt: new Date() }))],
        ]),
      );
      const insertRate = await rawConcurrent(t.store.uri, pool, (i) => inserts[i]!, inserts.length);
      const ids = t.userIds;
      const finds = ids
        .slice(0, 2000)
        .map((id) => opMsg({ find: 'benchusers', filter: { _id: id }, limit: 1, singleBatch: true, batchSize: 1, lsid, $db: 'bench' }));
      const readRate = await rawConcurrent(t.store.uri, pool, (i) => finds[(i * 7919) % finds.length]!, 60_000);
      const feeds = Array.from({ length: 500 }, () => {
        const follow = Array.from({ length: 100 }, () => authorIds[Math.floor(Math.random() * authorIds.length)]!);
        const cursorDate = new Date(t0 + Math.floor((0.5 + Math.random() * 0.5) * posts) * 1000);
        const filter = {
          author: { $in: follow },
          status: 'published',
          privacy: { $in: ['public', 'friends'] },
          createdAt: { $lt: cursorDate },
        };
        return opMsg({ find: 'benchposts', filter, sort: { createdAt: -1, _id: -1 }, limit: 20, lsid, $db: 'bench' });
      });
      const sock = await rawSocket(t.store.uri);
      let n = 0;
      const feed = await timed(500, () => sock.call(feeds[n++]!));
      sock.close();
      return {
        'raw inserts/s (OP_MSG, one per socket)': insertRate,
        'raw findById/s (OP_MSG, one per socket)': readRate,
        'raw feed query p50 ms': pct(feed, 50),
        'raw feed query p99 ms': pct(feed, 99),
      };
    },
  };
}

function fmt(v: number | undefined): string {
  if (v === undefined) return '-';
  return v >= 100 ? String(Math.round(v)) : v.toFixed(2);
}

const str = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;
export const benchCli = {
  usage: `usage: npm run bench -- store [--inproc] [--posts N] [--authors N] [--pool N] [--baseline COMMIT] [--store-prof DIR] [--monitor]
       npm run bench -- store --memory [--docs N,N,…] [--baseline COMMIT]

The embedded store through mongoose (and raw OP_MSG), in a process of its own unless --inproc.

  --inproc            run the store inside the benchmark process (as npm start does)
  --posts N           posts (default 100000)
  --authors N         authors (default 1000)
  --pool N            driver pool size (default 32)
  --baseline COMMIT   also run the store as it was at COMMIT, alternating; prints current/baseline
  --store-prof DIR    write a CPU profile of each store child into DIR
  --monitor           connect with monitorCommands: true, as the hub does
  --memory            bytes per stored document instead (store-memory.ts)
  --docs N,N,…        with --memory: document counts (default 100000,1000000)`,
  options: {
    inproc: flag,
    posts: str,
    authors: str,
    pool: str,
    baseline: str,
    'store-prof': str,
    monitor: flag,
    memory: flag,
    docs: str,
  },
} as const;

export async function run(args: string[]): Promise<void> {
  const { values } = parseCli(benchCli, args);
  if (values.memory) return runMemory({ docs: values.docs, baseline: values.baseline });
  if (values.docs !== undefined) throw new UsageError('--docs goes with --memory');
  const posts = intArg(values.posts, 'posts', 1, 100_000_000) ?? 100_000;
  const authors = intArg(values.authors, 'authors', 1, 10_000_000) ?? 1000;
  const pool = intArg(values.pool, 'pool', 1, 10_000) ?? 32;
  const inproc = values.inproc === true;
  const monitor = values.monitor === true;
  const baseline = values.baseline;
  const profDir = values['store-prof'];
  const loadBefore = fs.readFileSync('/proc/loadavg', 'utf8').trim();
  const targets: Target[] = [];
  try {
    if (baseline) targets.push(await openTarget(`baseline ${baseline}`, extractBaseline(baseline), inproc, pool, monitor, profDir));
    targets.push(await openTarget('current', currentModule, inproc, pool, monitor, profDir));
    let i = 0;
    for (const phase of phases(posts, authors, pool)) {
      // Alternate who goes first so neither side always gets the warmer (or quieter) slot.
      const order = i++ % 2 === 0 ? targets : [...targets].reverse();
      for (const t of order) for (const [k, v] of Object.entries(await phase.run(t))) t.figures.set(k, v);
    }
  } finally {
    for (const t of targets) {
      await t.conn.close();
      await t.store.stop();
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  }
  const loadAfter = fs.readFileSync('/proc/loadavg', 'utf8').trim();
  const cur = targets[targets.length - 1]!;
  const base = targets.length > 1 ? targets[0] : undefined;
  const metrics = [...cur.figures.keys()];
  const width = Math.max(...metrics.map((k) => k.length));
  console.log(
    `\nembedded store benchmark (${inproc ? 'in-process store' : 'store in its own process'}, ${posts} posts, ${authors} authors, pool ${pool}${monitor ? ', monitorCommands' : ''})`,
  );
  console.log(`load average before: ${loadBefore}\nload average after:  ${loadAfter}`);
  console.log(`  ${'metric'.padEnd(width)}  ${base ? 'baseline'.padStart(10) : ''}  ${'current'.padStart(10)}${base ? '      ratio' : ''}`);
  const json: Record<string, unknown> = {};
  for (const k of metrics) {
    const c = cur.figures.get(k);
    const b = base?.figures.get(k);
    // Ratio is always "times better": current/baseline for rates, baseline/current for latencies.
    const ratio = b !== undefined && c !== undefined && b > 0 && c > 0 ? (k.includes(' ms') ? b / c : c / b) : undefined;
    console.log(
      `  ${k.padEnd(width)}  ${base ? fmt(b).padStart(10) : ''}  ${fmt(c).padStart(10)}${ratio !== undefined ? `   x${ratio.toFixed(2)}` : ''}`,
    );
    json[k] = base ? { baseline: b, current: c, ratio } : c;
  }
  console.log(
    JSON.stringify({
      bench: 'store',
      mode: inproc ? 'inproc' : 'child',
      posts,
      authors,
      pool,
      monitor,
      baseline,
      loadBefore,
      loadAfter,
      figures: json,
    }),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Run directly: the benchmark, or (with --serve, from openTarget) the store child it starts.
  const child = { serve: str, dir: str } as const;
  const { values } = cli({ command: 'scripts/bench/store.ts', ...benchCli, options: { ...benchCli.options, ...child } }, (p) => p);
  const main = values.serve ? serve(values.serve, values.dir!) : run(process.argv.slice(2));
  main.catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
