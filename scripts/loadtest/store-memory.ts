/**
 * Issue #35's store-memory recipe, as an operator would run it:
 *   node --import tsx scripts/loadtest/store-memory.ts [--docs 100000] [--concurrency 32]
 * Starts `npm run db` on a fresh directory, makes N single-document inserts of ~200 B through the
 * official driver, then N single-document `$inc`s (twice), then restarts the store on the same data. After
 * each phase it reads the store process's RSS and how many times (and how much of) `data.mdb` is
 * mapped, from /proc/<pid>/status and /proc/<pid>/smaps.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient, ObjectId } from 'mongodb';
import { cli, intArg } from '../cli-args.js';
import { readRssBytes, startStoreProcess, type StoreProcess } from './processes.js';
import { boundedAll } from './seed.js';

/** How a file is mapped into a process: mappings (lines of /proc/pid/maps) and their resident bytes. */
export interface FileMapping {
  readonly mappings: number;
  readonly rssBytes: number;
}

/** The mappings of files whose name ends with `suffix`, from /proc/<pid>/smaps (Linux). */
export function fileMapping(pid: number, suffix: string): FileMapping {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return { mappings: 0, rssBytes: 0 };
  }
  let mappings = 0;
  let rssBytes = 0;
  let inFile = false;
  for (const line of text.split('\n')) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) {
      inFile = line.trimEnd().endsWith(suffix);
      if (inFile) mappings++;
    } else if (inFile && line.startsWith('Rss:')) {
      rssBytes += Number(/(\d+)/.exec(line)?.[1] ?? 0) * 1024;
    }
  }
  return { mappings, rssBytes };
}

export interface StorePhase {
  readonly phase: string;
  readonly rssBytes: number;
  readonly dataFile: FileMapping;
}

export interface StoreMemoryResult {
  readonly docs: number;
  readonly phases: readonly StorePhase[];
}

function measure(store: StoreProcess, phase: string): StorePhase {
  return { phase, rssBytes: readRssBytes(store.pid), dataFile: fileMapping(store.pid, '/data.mdb') };
}

/** Runs the recipe; `dir` is removed afterwards when the function made it. */
export async function runStoreMemory(docs: number, concurrency: number, dir?: string): Promise<StoreMemoryResult> {
  const workDir = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kj-store-mem-'));
  const phases: StorePhase[] = [];
  try {
    let store = await startStoreProcess(workDir);
    phases.push(measure(store, 'empty'));
    let client = await MongoClient.connect(store.uri, { maxPoolSize: concurrency });
    const posts = client.db().collection('posts');
    await posts.createIndex({ author: 1, createdAt: -1, _id: -1 });
    const authors = Array.from({ length: 1000 }, () => new ObjectId());
    const ids: ObjectId[] = [];
    const t0 = Date.now() - docs * 1000;
    await boundedAll(docs, concurrency, async (j) => {
      const _id = (ids[j] = new ObjectId());
      await posts.insertOne({
        _id,
        author: authors[(j * 7) % 1000],
        privacy: ['public', 'friends', 'private'][j % 3],
        body: `post ${j} lorem ipsum dolor sit amet, consectetur adipiscing elit ${'x'.repeat(j % 40)}`,
        likes: 0,
        createdAt: new Date(t0 + j * 1000),
      });
    });
    phases.push(measure(store, 'after inserts'));
    // Twice: the first round's growth (the heap sizing itself to the update churn) must not repeat
    // in the second, when the data no longer grows.
    for (const round of ['after $inc', 'after a second $inc']) {
      await boundedAll(docs, concurrency, async (j) => {
        await posts.updateOne({ _id: ids[j] }, { $inc: { likes: 1 } });
      });
      phases.push(measure(store, round));
    }
    await client.close();
    await store.stop();
    store = await startStoreProcess(workDir);
    client = await MongoClient.connect(store.uri);
    // One read, so the restarted store has served a request like the first one had.
    await client.db().collection('posts').findOne({ _id: ids[0] });
    phases.push(measure(store, 'restart'));
    await client.close();
    await store.stop();
    return { docs, phases };
  } finally {
    if (!dir) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const mb = (b: number): string => (b / 2 ** 20).toFixed(1);

export function formatStoreMemory(r: StoreMemoryResult): string {
  const empty = r.phases[0]!.rssBytes;
  const rows = r.phases.map(
    (p) =>
      `| ${p.phase} | ${mb(p.rssBytes)} | ${p.phase === 'empty' ? '–' : Math.round((p.rssBytes - empty) / r.docs)} | ` +
      `${p.dataFile.mappings} | ${mb(p.dataFile.rssBytes)} |`,
  );
  return [
    '| phase | RSS MB | RSS B/doc over empty | data.mdb mappings | data.mdb resident MB |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const usage = `usage: node --import tsx scripts/loadtest/store-memory.ts [--docs N] [--concurrency C]
  --docs N         documents inserted, then each $inc'd once (default 100000)
  --concurrency C  driver operations in flight (default 32)`;
  const o = cli(
    { command: 'store-memory', usage, options: { docs: { type: 'string' }, concurrency: { type: 'string' } } },
    ({ values }) => ({
      docs: intArg(values.docs, 'docs', 1, 10_000_000) ?? 100_000,
      concurrency: intArg(values.concurrency, 'concurrency', 1, 1000) ?? 32,
    }),
  );
  console.log(`load average: ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);
  const result = await runStoreMemory(o.docs, o.concurrency);
  console.log(formatStoreMemory(result));
  process.exit(0);
}
