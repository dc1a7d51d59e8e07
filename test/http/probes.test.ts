/**
 * The probes (contract v1.1): /api/livez says the process serves, whatever its dependencies do;
 * /api/readyz says whether it may take traffic, so a Redis blip takes a node out of the proxy's
 * rotation instead of getting it restarted.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../server/db/embedded/index.js';
import { apiClient, freePort, startTestHub, startTestRedis, waitFor, type TestHub, type TestRedis } from '../helpers/index.js';

async function statusUntil(hub: TestHub, path: string, status: number): Promise<{ status: number; body: unknown }> {
  let last: { status: number; body: unknown } | undefined;
  return waitFor(
    async () => {
      last = await apiClient(hub.url).get<unknown>(path);
      return last.status === status && last;
    },
    { timeoutMs: 20_000, intervalMs: 100, what: `${path} ${status}` },
  ).catch((err: unknown) => {
    throw new Error(`${String(err)}; it stayed ${last?.status}: ${JSON.stringify(last?.body)}`);
  });
}

describe.runIf(!process.env.REDIS_URL)('probes while Redis is down', () => {
  let redis: TestRedis;
  let hub: TestHub;

  beforeAll(async () => {
    redis = await startTestRedis();
    hub = await startTestHub({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await hub.close();
    await redis.close();
  });

  it('both answer 200 while the store and Redis are up', async () => {
    const api = apiClient(hub.url);
    const live = await api.send('GET /livez');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ ok: true, node: hub.config.nodeId });
    const ready = await api.send('GET /readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ ok: true, store: 'up', redis: 'up' });
  });

  it('readiness answers 503 naming Redis while it is down, liveness stays 200; both 200 after', async () => {
    await redis.stop();
    expect((await statusUntil(hub, '/readyz', 503)).body).toMatchObject({ ok: false, store: 'up', redis: 'down' });
    const live = await apiClient(hub.url).get('/livez');
    expect(live.status).toBe(200);
    await redis.restart();
    expect((await statusUntil(hub, '/readyz', 200)).body).toMatchObject({ ok: true, redis: 'up' });
  });
});

describe('probes while the store is down', () => {
  let dir: string;
  let port: number;
  let store: EmbeddedStore;
  let hub: TestHub;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-probes-'));
    port = await freePort();
    store = await startEmbeddedStore({ dir, port });
    hub = await startTestHub({ mongodbUri: `${store.uri}/kongjian` });
  });
  afterAll(async () => {
    await hub.close();
    await store.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('readiness without Redis configured does not mention it', async () => {
    const ready = await apiClient(hub.url).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ ok: true, store: 'up' });
  });

  it('liveness answers 200 at once (no store call) while readiness answers 503 naming the store', async () => {
    await store.close();
    expect((await statusUntil(hub, '/readyz', 503)).body).toEqual({ ok: false, store: 'down' });
    const started = performance.now();
    const live = await apiClient(hub.url).get('/livez');
    expect(live.status).toBe(200);
    // A store call would wait for the driver's timeout; liveness must not.
    expect(performance.now() - started).toBeLessThan(1_000);
    store = await startEmbeddedStore({ dir, port });
    expect((await statusUntil(hub, '/readyz', 200)).body).toEqual({ ok: true, store: 'up' });
  });
});
