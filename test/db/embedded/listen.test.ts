/**
 * Where the store listens and what it opens: the in-process store (no MONGODB_URI) is reached
 * through a Unix socket of mode 0600 in DATA_DIR; `npm run db` binds loopback TCP; a data
 * directory whose last part holds a dot (as `mktemp -d` names them) opens as a directory.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { openStore } from '../../../server/db/connect.js';
import { createLogger } from '../../../server/logger.js';
import { startEmbeddedStore } from '../../../server/db/embedded/index.js';
import { tempDir } from './target.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('embedded store listening and data directory', () => {
  it('serves the in-process store on a 0600 Unix socket in DATA_DIR, not on a TCP port', async () => {
    const dataDir = tempDir('sock');
    const config = loadConfig({ ...process.env, DATA_DIR: dataDir, MONGODB_URI: undefined });
    const store = await openStore(config, createLogger('silent', 'test'));
    try {
      const sock = path.join(dataDir, 'db.sock');
      const st = fs.statSync(sock);
      expect(st.isSocket()).toBe(true);
      expect(st.mode & 0o777).toBe(0o600);
      expect(await store.isUp()).toBe(true);
      await store.conn.db!.collection('probe').insertOne({ ok: true });
      expect(await store.conn.db!.collection('probe').countDocuments()).toBe(1);
    } finally {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    expect(fs.existsSync(path.join(dataDir, 'db.sock'))).toBe(false);
  });

  it('opens a data directory whose last part has a dot, and finds the data again', async () => {
    const parent = tempDir('dotted');
    const dir = path.join(parent, 'tmp.Xy3.db');
    try {
      let store = await startEmbeddedStore({ dir });
      let client = await new MongoClient(`${store.uri}/t`).connect();
      await client
        .db('t')
        .collection('c')
        .insertOne({ _id: 1 as never, v: 'kept' });
      await client.close();
      await store.close();
      expect(fs.statSync(dir).isDirectory()).toBe(true);
      store = await startEmbeddedStore({ dir });
      client = await new MongoClient(`${store.uri}/t`).connect();
      expect(
        await client
          .db('t')
          .collection('c')
          .findOne({ _id: 1 as never }),
      ).toEqual({ _id: 1, v: 'kept' });
      await client.close();
      await store.close();
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it('npm run db -- --dir <dotted dir> starts on loopback TCP and stops on SIGTERM', async () => {
    const parent = tempDir('dbcli');
    const dir = path.join(parent, 'tmp.aB9');
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/db.ts', '--dir', dir, '--port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const uri = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /uri=(\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.once('exit', (code) => reject(new Error(`npm run db exited with ${code}: ${err}`)));
      });
      expect(uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+$/);
      const client = await new MongoClient(`${uri}/t`).connect();
      expect((await client.db('t').command({ ping: 1 })).ok).toBe(1);
      await client.close();
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});
