/**
 * Embedded MongoDB-compatible store: public API.
 *
 *   const store = await startEmbeddedStore({ dir: './data/db' });
 *   await mongoose.connect(store.uri + '/kongjian');
 *   ...
 *   await store.close();
 */
import fs from 'node:fs';
import path from 'node:path';
import { Engine } from './engine.js';
import { WireServer } from './server.js';

export interface EmbeddedStoreOptions {
  /** Directory holding the lmdb files (created if missing). */
  dir: string;
  /** TCP port; 0 or omitted picks a free port (when no socketPath is given). */
  port?: number;
  /** TCP host, default 127.0.0.1. */
  host?: string;
  /** Unix socket path; when set, `uri` points at the socket, which is made mode 0600 (owner only). */
  socketPath?: string;
  /** TTL monitor interval in ms (default 2000). */
  ttlSweepMs?: number;
}

export interface EmbeddedStore {
  /** mongodb:// URI for the driver, without a database name. */
  readonly uri: string;
  /** Stop accepting, finish in-flight commands, flush and close lmdb. */
  close(): Promise<void>;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One process per data directory: the in-memory indexes would diverge otherwise. */
const lockedDirs = new Set<string>();

function acquireLock(dir: string): () => void {
  const lockPath = path.join(dir, 'embedded.lock');
  const abs = path.resolve(dir);
  if (lockedDirs.has(abs)) throw new Error(`embedded store directory ${dir} is in use by this process`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      lockedDirs.add(abs);
      return () => {
        lockedDirs.delete(abs);
        fs.rmSync(lockPath, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid)) {
        throw new Error(`embedded store directory ${dir} is in use by process ${pid}`);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}

export async function startEmbeddedStore(opts: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const release = acquireLock(opts.dir);
  let engine: Engine;
  try {
    engine = Engine.open(opts.dir, opts.ttlSweepMs);
  } catch (err) {
    release();
    throw err;
  }
  const server = new WireServer(engine);
  let uri: string;
  try {
    if (opts.socketPath) {
      fs.rmSync(opts.socketPath, { force: true });
      await server.listenUnix(opts.socketPath);
      // The store has no authentication: only the owner of the process may connect.
      fs.chmodSync(opts.socketPath, 0o600);
      uri = `mongodb://${encodeURIComponent(opts.socketPath)}`;
      if (opts.port !== undefined) await server.listenTcp(opts.port, opts.host ?? '127.0.0.1');
    } else {
      const host = opts.host ?? '127.0.0.1';
      const addr = await server.listenTcp(opts.port ?? 0, host);
      uri = `mongodb://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
    }
  } catch (err) {
    await server.close();
    await engine.close();
    release();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    uri,
    close() {
      closing ??= (async () => {
        await server.close();
        await engine.close();
        if (opts.socketPath) fs.rmSync(opts.socketPath, { force: true });
        release();
      })();
      return closing;
    },
  };
}
