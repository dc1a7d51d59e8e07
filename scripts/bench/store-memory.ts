/**
 * `npm run bench -- store --memory`: the embedded store's bytes per stored document (see the doc
 * comment below). Runs a store child of this same file (`--serve-mem`).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ObjectId, serialize } from 'bson';
import { cli } from '../cli-args.js';
import { currentModule, extractBaseline, opMsg, rawSocket, root, type StoreModule } from './store-wire.js';

/**
 * Memory mode: the store's bytes per stored document. A store child (started with --expose-gc)
 * reports process.memoryUsage() after a full GC, before and after N post-like documents (with
 * the feed indexes) are loaded over the wire, and again after a restart on the same data.
 * external/doc and heap/doc are the growth divided by N; "stored" is the documents' BSON size.
 */
interface MemChild {
  uri: string;
  mem(): Promise<NodeJS.MemoryUsage>;
  stop(): Promise<void>;
}

export async function serveMemory(modulePath: string, dir: string): Promise<void> {
  const mod = (await import(pathToFileURL(modulePath).href)) as StoreModule;
  const store = await mod.startEmbeddedStore({ dir, port: 0 });
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('message', (m: unknown) => {
    if (m === 'mem') {
      // Several passes: the first frees young garbage, later ones what it kept reachable.
      for (let i = 0; i < 3; i++) gc?.();
      process.send!({ mem: process.memoryUsage() });
    } else if (m === 'stop') {
      void store.close().then(() => process.exit(0));
    }
  });
  process.send!({ uri: store.uri });
}

function startMemChild(modulePath: string, dir: string): Promise<MemChild> {
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=8192',
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--serve-mem',
      modulePath,
      '--dir',
      dir,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const waitMsg = <T>(key: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMsg = (m: unknown): void => {
        if (m && typeof m === 'object' && key in m) {
          child.off('message', onMsg);
          child.off('exit', onExit);
          resolve((m as Record<string, T>)[key]!);
        }
      };
      const onExit = (code: number | null): void => reject(new Error(`store child exited with ${code}`));
      child.on('message', onMsg);
      child.once('exit', onExit);
    });
  return waitMsg<string>('uri').then((uri) => ({
    uri,
    mem: () => {
      const p = waitMsg<NodeJS.MemoryUsage>('mem');
      child.send('mem');
      return p;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  }));
}

/** Post-like documents of ~200 B (the soak's average was 196 B), and their ids. */
function postDocs(n: number): { docs: Buffer[]; ids: ObjectId[] } {
  const ids: ObjectId[] = [];
  const authors = Array.from({ length: 1000 }, () => new ObjectId());
  const t0 = Date.now() - n * 1000;
  const out: Buffer[] = [];
  for (let j = 0; j < n; j++) {
    out.push(
      Buffer.from(
        serialize({
          _id: (ids[j] = new ObjectId()),
          author: authors[(j * 7) % 1000],
          status: j % 4 === 3 ? 'draft' : 'published',
          privacy: ['public', 'friends', 'private'][j % 3],
          body: `post ${j} lorem ipsum dolor sit amet, consectetur adipiscing elit ${'x'.repeat(j % 40)}`,
          likes: j % 50,
          createdAt: new Date(t0 + j * 1000),
        }),
      ),
    );
  }
  return { docs: out, ids };
}

/** One `$inc` per document, 500 statements per command, as a like counter would see. */
async function updateAllRaw(uri: string, ids: ObjectId[]): Promise<void> {
  const lsid = { id: new ObjectId() };
  const sock = await rawSocket(uri);
  try {
    for (let i = 0; i < ids.length; i += 500) {
      const updates = ids.slice(i, i + 500).map((id) => Buffer.from(serialize({ q: { _id: id }, u: { $inc: { likes: 1 } } })));
      await sock.call(opMsg({ update: 'posts', ordered: true, lsid, $db: 'bench' }, ['updates', updates]));
    }
  } finally {
    sock.close();
  }
}

async function loadRaw(uri: string, docs: Buffer[]): Promise<void> {
  const lsid = { id: new ObjectId() };
  const sock = await rawSocket(uri);
  try {
    await sock.call(
      opMsg({
        createIndexes: 'posts',
        indexes: [
          { key: { author: 1, createdAt: -1, _id: -1 }, name: 'author_feed' },
          { key: { createdAt: -1 }, name: 'createdAt_-1' },
        ],
        lsid,
        $db: 'bench',
      }),
    );
    for (let i = 0; i < docs.length; i += 1000) {
      await sock.call(opMsg({ insert: 'posts', ordered: true, lsid, $db: 'bench' }, ['documents', docs.slice(i, i + 1000)]));
    }
  } finally {
    sock.close();
  }
}

/** `docs`: comma-separated document counts (default 100000,1000000); `baseline`: a commit to compare with. */
export async function runMemory(opts: { readonly docs?: string | undefined; readonly baseline?: string | undefined }): Promise<void> {
  const sizes = (opts.docs ?? '100000,1000000').split(',').map(Number);
  const baseline = opts.baseline;
  const modules: Array<[string, string]> = [];
  if (baseline) modules.push([`baseline ${baseline}`, extractBaseline(baseline)]);
  modules.push(['current', currentModule]);
  console.log(`load average: ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);
  const rows: Array<Record<string, string | number>> = [];
  for (const n of sizes) {
    const { docs, ids } = postDocs(n);
    const stored = docs.reduce((s, d) => s + d.length, 0);
    for (const [label, mod] of modules) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-bench-mem-'));
      try {
        let child = await startMemChild(mod, dir);
        const before = await child.mem();
        const t = performance.now();
        await loadRaw(child.uri, docs);
        const loadS = (performance.now() - t) / 1000;
        const after = await child.mem();
        await updateAllRaw(child.uri, ids);
        const updated = await child.mem();
        await child.stop();
        child = await startMemChild(mod, dir);
        const restarted = await child.mem();
        await child.stop();
        const per = (a: number, b: number): number => Math.round((a - b) / n);
        const row = {
          store: label,
          docs: n,
          'stored B/doc': Math.round(stored / n),
          'external B/doc': per(after.external, before.external),
          'heap B/doc': per(after.heapUsed, before.heapUsed),
          'rss B/doc': per(after.rss, before.rss),
          'external x stored': Number(((after.external - before.external) / stored).toFixed(2)),
          'after 1 update/doc: external B/doc': per(updated.external, before.external),
          'after 1 update/doc: heap B/doc': per(updated.heapUsed, before.heapUsed),
          'restart external B/doc': per(restarted.external, before.external),
          'restart heap B/doc': per(restarted.heapUsed, before.heapUsed),
          'restart rss B/doc': per(restarted.rss, before.rss),
          'load s': Number(loadS.toFixed(1)),
        };
        rows.push(row);
        console.log(JSON.stringify(row));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const cols = Object.keys(rows[0] ?? {});
  console.log(`\n| ${cols.join(' | ')} |\n| ${cols.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${cols.map((c) => String(r[c])).join(' | ')} |`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Only as the store child of runMemory (startMemChild): `npm run bench -- store --memory` is the way in.
  const { values } = cli(
    {
      command: 'scripts/bench/store-memory.ts',
      usage:
        'usage: scripts/bench/store-memory.ts --serve-mem MODULE --dir DIR\n\nThe store child of `npm run bench -- store --memory` (run that instead).',
      options: { 'serve-mem': { type: 'string' }, dir: { type: 'string' } },
    },
    (p) => p,
  );
  serveMemory(values['serve-mem']!, values.dir!).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
