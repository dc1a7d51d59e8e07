/** Starts a real hub in-process on free ports, with its own data directory. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startHub, type Hub } from '../../server/app.js';
import { loadConfig, type Engine } from '../../server/config.js';
import { uwsNativeStatus } from '../../server/realtime/uws-native.js';
import { closeAllSockets } from './sockets.js';

export interface TestHubOptions {
  readonly engine?: Engine;
  /** Join a cluster through this Redis. */
  readonly redisUrl?: string;
  /** Join a cluster through this Redis Cluster (`host:port,…` seeds) instead. */
  readonly redisClusterNodes?: string;
  /** Hubs sharing a Redis must share a prefix to see each other; unset gets a fresh one. */
  readonly redisPrefix?: string;
  /** Share a store (e.g. `npm run db` or the test's own embedded store); else the hub embeds its own. */
  readonly mongodbUri?: string;
  /** Extra environment, as `npm start` would read it. */
  readonly env?: Readonly<Record<string, string>>;
  /** Serve this built web client at / (browser tests); by default the hub serves none. */
  readonly clientDir?: string;
}

export interface TestHub extends Hub {
  readonly engine: Engine;
  readonly dataDir: string;
}

/** The engines tests run on: both where uWebSockets.js's native binary loads (Node 20), else ws alone. */
export const engines: readonly [Engine, ...Engine[]] = uwsNativeStatus().native ? ['uws', 'ws'] : ['ws'];

/**
 * scrypt's cost for test hubs' new password hashes (production: 16384). Every test signs people up,
 * and at production cost each sign-up is ~40 ms of a core (more on a loaded box), in a queue that runs
 * one at a time on 2 cores. Processes a test spawns get it too (vitest.config.ts sets the variable);
 * a test about the cost itself (the sign-in flood) sets `PASSWORD_SCRYPT_N` back in its hub's env.
 */
export const testPasswordCost = process.env.PASSWORD_SCRYPT_N ?? '1024';

/** When `MONGODB_URI` is set, each hub gets its own database on that server. */
function externalMongoUri(): string | undefined {
  const base = process.env.MONGODB_URI;
  if (!base) return undefined;
  const url = new URL(base);
  url.pathname = `/kj_test_${randomBytes(6).toString('hex')}`;
  return url.toString();
}

export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const engine = options.engine ?? engines[0];
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-hub-'));
  const mongodbUri = options.mongodbUri ?? externalMongoUri();
  const config = loadConfig({
    PORT: '0',
    WS_PORT: '0',
    HOST: '127.0.0.1',
    REALTIME_ENGINE: engine,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    RATE_LIMIT_SCALE: '50',
    // Tests open many sockets from 127.0.0.1 within a minute (the handshake attack test sets its own).
    SOCKET_HANDSHAKES_PER_ADDRESS: '100000',
    // Offline is announced after this grace; short, so tests that await it do not wait long.
    PRESENCE_OFFLINE_GRACE_MS: '200',
    PASSWORD_SCRYPT_N: testPasswordCost,
    SECRET: 'test-secret-0123456789abcdef',
    ...(mongodbUri ? { MONGODB_URI: mongodbUri } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl, REDIS_PREFIX: options.redisPrefix ?? `t${randomBytes(4).toString('hex')}` } : {}),
    ...(options.redisClusterNodes
      ? { REDIS_CLUSTER_NODES: options.redisClusterNodes, REDIS_PREFIX: options.redisPrefix ?? `t${randomBytes(4).toString('hex')}` }
      : {}),
    ...options.env,
  });
  const hub = await startHub(config, { clientDir: options.clientDir ?? path.join(dataDir, 'no-client') });
  return {
    ...hub,
    engine,
    dataDir,
    close: async () => {
      await hub.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One hub for a test file (or a `describe` block): started before its tests, its sockets closed
 * after each test, stopped after all. The returned object stands for the hub once it has started.
 */
export function useTestHub(options: TestHubOptions = {}): TestHub {
  let current: TestHub | undefined;
  beforeAll(async () => {
    current = await startTestHub(options);
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await current?.close();
  });
  return new Proxy({} as TestHub, {
    get(_target, key) {
      if (!current) throw new Error('the test hub is used before it started (use it inside tests and hooks)');
      // A method read here is called on the proxy (hub.close()), whose `this` reads through this same getter.
      // eslint-disable-next-line @typescript-eslint/unbound-method
      return current[key as keyof TestHub];
    },
  });
}
