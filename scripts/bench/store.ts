/**
 * Embedded store benchmark, through mongoose, against a fresh store in a temp dir.
 *   npm run bench -- store [--inproc] [--posts 100000] [--authors 1000]
 *   node --import tsx scripts/bench/store.ts
 * By default the store runs in its own process (as with `npm run db`), so the store and the
 * client each get a core; --inproc runs it inside the benchmark process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose, { Schema, type Types } from 'mongoose';
import { startEmbeddedStore } from '../../server/db/embedded/index.js';

interface Figures {
  [metric: string]: number | string;
}

function opt(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
}

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

async function startChildStore(dir: string): Promise<{ uri: string; stop(): Promise<void> }> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'db.ts'), '--dir', dir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: root,
  });
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

export async function run(args: string[]): Promise<void> {
  const posts = opt(args, 'posts', 100_000);
  const authors = opt(args, 'authors', 1000);
  const inproc = args.includes('--inproc');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-bench-store-'));
  let stop: () => Promise<void>;
  let uri: string;
  if (inproc) {
    const store = await startEmbeddedStore({ dir });
    uri = store.uri;
    stop = () => store.close();
  } else {
    ({ uri, stop } = await startChildStore(dir));
  }
  const conn = await mongoose.createConnection(`${uri}/bench`, { maxPoolSize: 32 }).asPromise();
  const figures: Figures = { mode: inproc ? 'in-process store' : 'store in its own process' };
  try {
    const User = conn.model(
      'BenchUser',
      new Schema({ name: { type: String, unique: true }, email: String, karma: Number, createdAt: Date }),
    );
    const postSchema = new Schema({
      author: { type: Schema.Types.ObjectId, required: true },
      status: String,
      privacy: String,
      body: String,
      createdAt: Date,
    });
    postSchema.index({ author: 1, createdAt: -1, _id: -1 });
    postSchema.index({ createdAt: -1 });
    const Post = conn.model('BenchPost', postSchema);
    await User.init();
    await Post.init();

    // 1. Concurrent single-document inserts through Model.create.
    const nUsers = 20_000;
    figures['inserts/s (Model.create, 64 callers)'] = Math.round(
      await concurrent(nUsers, 64, (i) => User.create({ name: `user${i}`, email: `u${i}@example.com`, karma: i % 100, createdAt: new Date() })),
    );

    // 2. Point reads by _id and by a unique field.
    const ids = (await User.find({}, { _id: 1 }).lean()).map((u) => u._id);
    figures['point reads/s (findById, 64 callers)'] = Math.round(await concurrent(40_000, 64, (i) => User.findById(ids[(i * 7919) % ids.length]).lean()));
    figures['point reads/s (findOne unique name)'] = Math.round(await concurrent(20_000, 64, (i) => User.findOne({ name: `user${(i * 31) % nUsers}` }).lean()));

    // 3. Load posts.
    const authorIds: Types.ObjectId[] = Array.from({ length: authors }, () => new mongoose.Types.ObjectId());
    const t0 = Date.now() - posts * 1000;
    const statuses = ['published', 'published', 'published', 'draft'];
    const privacies = ['public', 'friends', 'private'];
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
      await Post.insertMany(batch, { lean: true });
    }
    figures['bulk load docs/s (insertMany x1000)'] = Math.round(posts / ((performance.now() - loadStart) / 1000));

    // 4. Indexed range query on createdAt.
    const range = await timed(500, () => {
      const from = new Date(t0 + Math.floor(Math.random() * posts) * 1000);
      return Post.find({ createdAt: { $gte: from, $lt: new Date(from.getTime() + 3_600_000) } })
        .sort({ createdAt: -1 })
        .limit(20)
        .lean();
    });
    figures[`range query p50 ms (${posts} docs)`] = +pct(range, 50).toFixed(2);
    figures[`range query p99 ms (${posts} docs)`] = +pct(range, 99).toFixed(2);

    // 5. Feed query: $in over 100 authors, status/privacy filters, createdAt cursor, sorted, limit 20.
    let feedRows = 0;
    const feed = await timed(500, async () => {
      const follow = Array.from({ length: 100 }, () => authorIds[Math.floor(Math.random() * authors)]!);
      const cursorDate = new Date(t0 + Math.floor((0.5 + Math.random() * 0.5) * posts) * 1000);
      const rows = await Post.find({
        author: { $in: follow },
        status: 'published',
        privacy: { $in: ['public', 'friends'] },
        createdAt: { $lt: cursorDate },
      })
        .sort({ createdAt: -1, _id: -1 })
        .limit(20)
        .lean();
      feedRows += rows.length;
    });
    figures[`feed query p50 ms (${posts} posts, ${authors} authors, $in 100)`] = +pct(feed, 50).toFixed(2);
    figures[`feed query p99 ms (${posts} posts, ${authors} authors, $in 100)`] = +pct(feed, 99).toFixed(2);
    figures['feed rows/query (avg)'] = +(feedRows / 500).toFixed(1);

    const countStart = performance.now();
    await Post.countDocuments({ status: 'published' });
    figures['countDocuments over all posts ms'] = +(performance.now() - countStart).toFixed(1);
  } finally {
    await conn.close();
    await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  console.log('\nembedded store benchmark');
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(width)}  ${v}`);
  console.log(JSON.stringify({ bench: 'store', figures }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
