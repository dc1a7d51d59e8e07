/** The 30-minute visit window, stepped with an injected clock against the real store. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { openStore, type Store } from '../../../server/db/connect.js';
import { createLogger } from '../../../server/logger.js';
import { createVisitLog, visitWindowMs, type VisitLog } from '../../../server/modules/spaces/visitors.js';

let store: Store;
let dataDir: string;
let clock = new Date('2030-01-01T00:00:00Z');
let visits: VisitLog;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-visits-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SECRET: 'test-secret-0123456789abcdef',
    ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
  });
  store = await openStore(config, createLogger('silent', 'test'));
  visits = createVisitLog(store.conn, { now: () => clock });
  await store.syncIndexes();
});
afterAll(async () => {
  await store?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const id = () => new Types.ObjectId().toHexString();
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

describe('visit window', () => {
  it('counts a visitor once per 30 minutes per space', async () => {
    const owner = id();
    const visitor = id();
    expect((await visits.record(owner, visitor)).counted).toBe(true);
    expect((await visits.record(owner, visitor)).counted).toBe(false);
    advance(visitWindowMs - 1);
    expect((await visits.record(owner, visitor)).counted).toBe(false);
    advance(1);
    expect((await visits.record(owner, visitor)).counted).toBe(true);
    advance(60_000);
    expect((await visits.record(owner, visitor)).counted).toBe(false);
  });

  it('windows are per visitor and per space', async () => {
    const [owner, other, a, b] = [id(), id(), id(), id()];
    expect((await visits.record(owner, a)).counted).toBe(true);
    expect((await visits.record(owner, b)).counted).toBe(true);
    expect((await visits.record(other, a)).counted).toBe(true);
    expect((await visits.record(owner, a)).counted).toBe(false);
  });

  it('simultaneous first visits count exactly once', async () => {
    const owner = id();
    const visitor = id();
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => visits.record(owner, visitor)));
    expect(outcomes.filter((o) => o.counted)).toHaveLength(1);
  });

  it('lists the latest counted visit of each visitor, newest first', async () => {
    const owner = id();
    const [a, b] = [id(), id()];
    await visits.record(owner, a);
    advance(1_000);
    await visits.record(owner, b);
    advance(1_000);
    await visits.record(owner, a); // inside a's window: not counted, the list keeps a's first time
    const recent = await visits.recent(owner, 10);
    expect(recent.map((v) => v.visitorId)).toEqual([b, a]);
    advance(visitWindowMs);
    await visits.record(owner, a);
    expect((await visits.recent(owner, 10)).map((v) => v.visitorId)).toEqual([a, b]);
    expect(await visits.recent(owner, 1)).toHaveLength(1);
  });
});
