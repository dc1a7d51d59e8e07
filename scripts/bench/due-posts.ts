/**
 * Scheduled posts at scale (issue #32): N scheduled posts in the embedded store (default 100 000),
 * then the queries every node runs to find and claim due posts and owed announces, timed against a
 * findById baseline in the same run. `npm run bench -- due-posts [N]`.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { startEmbeddedStore } from '../../server/db/embedded/index.js';
import { postModel } from '../../server/modules/posts/post-model.js';
import { intArg, parseCli } from '../cli-args.js';

export const benchCli = {
  usage: `usage: npm run bench -- due-posts [N]

N scheduled posts in the embedded store, then the queries that find and claim due posts, timed
against a findById baseline in the same run.

  N   scheduled posts (default 100000)`,
  options: {},
  positionals: true,
} as const;

export async function run(args: string[]): Promise<void> {
  const n = intArg(parseCli(benchCli, args).positionals[0], '[N]', 1, 100_000_000) ?? 100_000;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-due-bench-'));
  const store = await startEmbeddedStore({ dir });
  const conn = await mongoose.createConnection(`${store.uri}/bench`).asPromise();
  const posts = postModel(conn);
  await posts.syncIndexes();
  const now = Date.now();
  const author = new Types.ObjectId();
  const t = Date.now();
  for (let i = 0; i < n; i += 5000) {
    await posts.collection.insertMany(
      Array.from({ length: Math.min(5000, n - i) }, (_, k) => ({
        author,
        kind: 'shuoshuo',
        text: 'x',
        images: [],
        privacy: 'friends',
        status: 'scheduled',
        createdAt: new Date(),
        likes: 0,
        comments: 0,
        publishAt: new Date(now + 3_600_000 + (i + k) * 1000),
        publishAs: 'published',
      })),
    );
  }
  console.log(`inserted ${n} scheduled in ${Date.now() - t} ms`);
  const time = async (label: string, run: () => Promise<unknown>, reps = 20) => {
    await run();
    const start = process.hrtime.bigint();
    for (let i = 0; i < reps; i += 1) await run();
    const ms = Number(process.hrtime.bigint() - start) / 1e6 / reps;
    console.log(`${label}: ${ms.toFixed(2)} ms`);
    return ms;
  };
  const someId = (await posts.findOne({}, { _id: 1 }).lean())!._id;
  const base = await time('baseline findById', () => posts.findById(someId).lean());
  const d = new Date();
  const wake1 = await time('next due ahead (sort publishAt limit 1)', () =>
    posts
      .findOne({ status: 'scheduled', publishAt: { $gt: d } }, { publishAt: 1 })
      .sort({ publishAt: 1 })
      .lean(),
  );
  const wake2 = await time('claimed-due lookup (none due)', () =>
    posts
      .findOne({ status: 'scheduled', publishAt: { $lte: d } }, { claimUntil: 1 })
      .sort({ claimUntil: 1 })
      .lean(),
  );
  // The outbox of published posts whose announce is owed (sparse index on announceUntil): none owed.
  const owed = await time('owed announce ahead (sort announceUntil limit 1)', () =>
    posts
      .findOne({ announceUntil: { $gt: d } }, { announceUntil: 1 })
      .sort({ announceUntil: 1 })
      .lean(),
  );
  const takeover = await time('lapsed announce takeover attempt (none owed)', () =>
    posts
      .findOneAndUpdate(
        { announceUntil: { $lte: new Date() } },
        { $set: { announceBy: 'x', announceUntil: new Date() } },
        { sort: { announceUntil: 1 } },
      )
      .lean(),
  );
  const claim = await time('claim attempt (none due)', () =>
    posts
      .findOneAndUpdate(
        { status: 'scheduled', publishAt: { $lte: new Date() }, $or: [{ claimUntil: null }, { claimUntil: { $lte: new Date() } }] },
        { $set: { claimedBy: 'x', claimUntil: new Date() } },
        { sort: { publishAt: 1 } },
      )
      .lean(),
  );
  console.log(`ratios to baseline: ${[wake1, wake2, owed, takeover, claim].map((ms) => (ms / base).toFixed(1)).join(' ')}`);
  await conn.close();
  await store.close();
  await fs.rm(dir, { recursive: true, force: true });
}
