/**
 * What the store benchmarks share: where the store module is (now or at a baseline commit), their
 * command-line options, and pre-encoded OP_MSG over plain sockets (the store without the driver).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serialize, type Document } from 'bson';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const currentModule = path.join(root, 'server', 'db', 'embedded', 'index.ts');

export interface StoreModule {
  startEmbeddedStore(opts: { dir: string; port?: number }): Promise<{ uri: string; close(): Promise<void> }>;
}

/** The store module as it was at `commit`, extracted where it still resolves this repo's node_modules. */
export function extractBaseline(commit: string): string {
  const sha = execFileSync('git', ['rev-parse', commit], { cwd: root, encoding: 'utf8' }).trim();
  const dest = path.join(root, 'node_modules', '.cache', 'kj-store-baseline', sha);
  const mod = path.join(dest, 'server', 'db', 'embedded', 'index.ts');
  if (!fs.existsSync(mod)) {
    fs.mkdirSync(dest, { recursive: true });
    const tar = execFileSync('git', ['archive', sha, 'server/db/embedded'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dest], { input: tar });
  }
  return mod;
}

/** Pre-encoded OP_MSG: kind-0 body plus an optional kind-1 document sequence. */
export function opMsg(body: Document, seq?: [string, Buffer[]]): Buffer {
  const head = Buffer.alloc(21);
  head.writeInt32LE(2013, 12);
  const parts = [head, Buffer.from(serialize(body))];
  if (seq) {
    const id = Buffer.from(`${seq[0]}\0`);
    const docs = Buffer.concat(seq[1]);
    const h = Buffer.alloc(5);
    h[0] = 1;
    h.writeInt32LE(4 + id.length + docs.length, 1);
    parts.push(h, id, docs);
  }
  const out = Buffer.concat(parts);
  out.writeInt32LE(out.length, 0);
  return out;
}

export interface RawSocket {
  call(msg: Buffer): Promise<void>;
  close(): void;
}

export async function rawSocket(uri: string): Promise<RawSocket> {
  const u = new URL(uri);
  const sock = net.connect({ host: u.hostname, port: Number(u.port), noDelay: true });
  await new Promise<void>((resolve, reject) => sock.once('connect', resolve).once('error', reject));
  let pending: (() => void) | undefined;
  let buf: Buffer = Buffer.alloc(0);
  sock.on('data', (c: Buffer) => {
    buf = buf.length ? Buffer.concat([buf, c]) : c;
    while (buf.length >= 4 && buf.length >= buf.readInt32LE(0)) {
      buf = buf.subarray(buf.readInt32LE(0));
      const p = pending;
      pending = undefined;
      p?.();
    }
  });
  return {
    call: (msg) =>
      new Promise<void>((resolve) => {
        pending = resolve;
        sock.write(msg);
      }),
    close: () => sock.destroy(),
  };
}
