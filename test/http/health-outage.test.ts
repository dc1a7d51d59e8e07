/** Health answers 503 while the store or Redis is down, and 200 again once they are back. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../server/db/embedded/index.js';
import { apiClient, freePort, startTestHub, startTestRedis, waitFor, type TestHub, type TestRedis } from '../helpers/index.js';

async function healthUntil(hub: TestHub, status: number): Promise<{ status: number; body: unknown }> {
  let last: { status: number; body: unknown } | undefined;
  return waitFor(
    async () => {
      last = await apiClient(hub.url).get<unknown>('/health');
      return last.status === status && last;
    },
    { timeoutMs: 20_000, intervalMs: 100, what: `health ${status}` },
  ).catch((err: unknown) => {
    throw new Error(`${String(err)}; it stayed ${last?.status}: ${JSON.stringify(last?.body)}`);
  });
}

describe('health during outages', () => {
  let dir: string;
  let port: number;
  let store: EmbeddedStore;
  let redis: TestRedis;
  let hub: TestHub;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-outage-'));
    port = await freePort();
    store = await startEmbeddedStore({ dir, port });
    redis = await startTestRedis();
    hub = await startTestHub({ mongodbUri: `${store.uri}/kongjian`, redisUrl: redis.url });
  });
  afterAll(async () => {
    await hub.close();
    await store.close();
    await redis.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('is 200 with both up, 503 naming the store while it is down, 200 after', async () => {
    expect((await healthUntil(hub, 200)).body).toMatchObject({ ok: true, store: 'up', redis: 'up' });
    await store.close();
    expect((await healthUntil(hub, 503)).body).toMatchObject({ ok: false, store: 'down' });
    store = await startEmbeddedStore({ dir, port });
    expect((await healthUntil(hub, 200)).body).toMatchObject({ ok: true, store: 'up' });
  });

  it.runIf(!process.env.REDIS_URL)('is 503 naming Redis while it is down, 200 after', async () => {
    await redis.stop();
    expect((await healthUntil(hub, 503)).body).toMatchObject({ ok: false, redis: 'down' });
    await redis.restart();
    expect((await healthUntil(hub, 200)).body).toMatchObject({ ok: true, redis: 'up' });
  });
});
