/**
 * Two hub nodes over one Redis and one embedded store process, for a test file's lifetime: what a
 * cluster test needs to change something through node A and watch node B act on it.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../server/db/embedded/index.js';
import { startTestHub, type TestHub } from './hub.js';
import { startTestRedis, type TestRedis } from './redis.js';
import { closeAllSockets } from './sockets.js';

export interface TwoNodes {
  readonly a: TestHub;
  readonly b: TestHub;
}

/** Starts the pair before the file's tests and stops it after; read `a` and `b` inside tests. */
export function useTwoNodes(): TwoNodes {
  let store: EmbeddedStore;
  let storeDir: string;
  let redis: TestRedis;
  const nodes: { a?: TestHub; b?: TestHub } = {};
  const redisPrefix = `t${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-two-nodes-'));
    store = await startEmbeddedStore({ dir: storeDir });
    redis = await startTestRedis();
    const node = () => startTestHub({ redisUrl: redis.url, redisPrefix, mongodbUri: `${store.uri}/kongjian` });
    [nodes.a, nodes.b] = await Promise.all([node(), node()]);
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await nodes.a?.close();
    await nodes.b?.close();
    await redis?.close();
    await store?.close();
    await fs.rm(storeDir, { recursive: true, force: true });
  });
  return {
    get a() {
      return nodes.a!;
    },
    get b() {
      return nodes.b!;
    },
  };
}
