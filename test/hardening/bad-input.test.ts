/**
 * The bad-input battery: every REST endpoint and every socket event gets hostile input. Every case
 * answers in the contract's error shape (4xx or an error acknowledgement): zero 5xx, zero crashes,
 * nothing written, and the hub is healthy afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientEventNames } from '../../shared/events.js';
import {
  apiClient,
  closeAllSockets,
  connectSocket,
  emitAck,
  registerUser,
  startTestHub,
  type ApiAnswer,
  type TestHub,
  type TestUser,
} from '../helpers/index.js';
import { fieldNames, hostileQueries, hostileSegments, hostileValues, rawBodies } from './bad-input-cases.js';

const errorCodes = [
  'invalid',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
  'unsupported_media',
  'blocked',
  'rate_limited',
];

let cases = 0;
function expectCleanRefusal(res: ApiAnswer, label: string): void {
  cases += 1;
  expect(res.status, `${label} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.body?.error?.code, `${label}: error shape`).toBeOneOf(errorCodes);
    expect(typeof res.body.error.message, `${label}: message`).toBe('string');
  }
}

/**
 * Runs `each` over `items`, `width` at a time: the cases are independent, and one request's round trip
 * is mostly waiting (the battery sends thousands).
 */
async function sideBySide<T>(items: readonly T[], width: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await each(items[next++]!);
    }),
  );
}

describe('bad-input battery', () => {
  let hub: TestHub;
  let user: TestUser;
  let routes: TestHub['routes'];

  beforeAll(async () => {
    hub = await startTestHub();
    user = await registerUser(hub, 'fuzzer');
    // Signing out takes no input and would end the fuzzer's own session for the rest of the battery.
    routes = hub.routes.filter((r) => r.path !== '/health' && r.path !== '/config' && r.path !== '/auth/logout');
  });
  afterAll(async () => {
    closeAllSockets();
    await hub.close();
  });

  const fill = (path: string, segment: string) => path.replace(/:[a-zA-Z]+/g, segment);
  const call = (api: ReturnType<typeof apiClient>, method: string, path: string, body?: unknown) =>
    method === 'get'
      ? api.get(path)
      : (api as unknown as Record<string, (p: string, b?: unknown) => Promise<ApiAnswer>>)[method]!(path, body ?? {});

  it('refuses hostile path segments on every endpoint', async () => {
    await sideBySide(
      routes.filter((r) => r.path.includes(':')),
      4,
      async (route) => {
        for (const segment of hostileSegments) {
          const res = await call(user.api, route.method, fill(route.path, segment));
          expectCleanRefusal(res, `${route.method} ${route.path} with ${segment.slice(0, 30)}`);
        }
      },
    );
  });

  it('refuses malformed and oversized raw bodies on every write endpoint', async () => {
    await sideBySide(
      routes.filter((r) => r.method !== 'get'),
      4,
      async (route) => {
        for (const [body, type] of rawBodies) {
          const path = fill(route.path, '0123456789abcdef01234567');
          const res = await user.api.raw(route.method.toUpperCase(), path, body, type);
          expectCleanRefusal(res, `${route.method} ${route.path} raw ${body.slice(0, 20)}`);
        }
      },
    );
  });

  it('refuses operator injection, wrong types and huge values in every field', { timeout: 180_000 }, async () => {
    await sideBySide(
      routes.filter((r) => r.method !== 'get'),
      4,
      async (route) => {
        const path = fill(route.path, '0123456789abcdef01234567');
        // Every hostile value in every field at once, then an operator in each field alone.
        for (const value of hostileValues) {
          const body = Object.fromEntries(fieldNames.map((f) => [f, value]));
          const res = await call(user.api, route.method, path, body);
          expectCleanRefusal(res, `${route.method} ${route.path} all fields=${JSON.stringify(value)?.slice(0, 40)}`);
        }
        for (const field of fieldNames) {
          const res = await call(user.api, route.method, path, { [field]: { $ne: '' } });
          expectCleanRefusal(res, `${route.method} ${route.path} ${field}={$ne}`);
        }
      },
    );
  });

  it('refuses hostile query strings on every read endpoint', async () => {
    for (const route of routes.filter((r) => r.method === 'get')) {
      for (const query of hostileQueries) {
        const res = await user.api.get(`${fill(route.path, user.handle)}${query}`);
        expectCleanRefusal(res, `GET ${route.path}${query.slice(0, 30)}`);
      }
    }
  });

  it('answers arbitrary JSON on every write endpoint without a server error (property)', async () => {
    const writes = routes.filter((r) => r.method !== 'get');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fc.jsonValue({ maxDepth: 4 }), async (route, body) => {
        const res = await call(user.api, route.method, fill(route.path, '0123456789abcdef01234567'), body);
        expectCleanRefusal(res, `${route.method} ${route.path} ${JSON.stringify(body).slice(0, 60)}`);
      }),
      { numRuns: 150 },
    );
  });

  it('answers garbage on every socket event with an error acknowledgement and stays up', async () => {
    const socket = await connectSocket(hub, user.token);
    const emit = (event: string, payload: unknown) =>
      (socket.timeout(3000).emitWithAck as (e: string, ...args: unknown[]) => Promise<{ ok: boolean; error?: { code: string } }>)(
        event,
        payload,
      );
    const garbage: unknown[] = [
      undefined,
      null,
      0,
      'text',
      [],
      [1, 2],
      { $ne: 1 },
      { handle: { $gt: '' } },
      { postId: '../../x' },
      { matchId: 'x', x: -1, y: 99 },
      { after: 'NaN' },
      { after: { $gt: 0 } },
      'x'.repeat(50_000),
      { extra: true, handle: 'x' },
    ];
    for (const event of clientEventNames.filter((e) => e !== 'ping')) {
      for (const payload of garbage) {
        if (payload === undefined && event === 'presence:list') continue; // no payload is its valid form
        const answer = await emit(event, payload);
        cases += 1;
        expect(answer.ok, `${event} ${JSON.stringify(payload)?.slice(0, 40)}`).toBe(false);
        expect(answer.error?.code).toBeOneOf(errorCodes);
      }
    }
    for (const name of ['', 'constructor', '__proto__', 'x'.repeat(500), 'connect', 'disconnecting']) {
      const answer = await emit(name, {}).catch(() => ({ ok: false, error: { code: 'invalid' } }));
      cases += 1;
      expect(answer.ok).toBe(false);
    }
    expect(socket.connected).toBe(true);
    expect((await emitAck(socket, 'ping', {})).ok).toBe(true);
  });

  it('cuts off a socket that sends a message over the size limit, and the hub stays healthy', async () => {
    const socket = await connectSocket(hub, user.token);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    (socket.emit as (event: string, payload: unknown) => void)('ping', { blob: 'x'.repeat(200_000) });
    expect(await closed).toMatch(/transport (close|error)/);
    cases += 1;
  });

  it('is healthy afterwards, wrote nothing, and tried at least 200 cases', async () => {
    expect((await apiClient(hub.url).get('/health')).status).toBe(200);
    expect((await user.api.get('/me')).body.user.handle).toBe(user.handle);
    const feed = await user.api.get('/feed');
    if (feed.status === 200) expect(feed.body.posts).toEqual([]);
    const friends = await user.api.get('/friends');
    if (friends.status === 200) expect(friends.body.friends).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(200);
    console.info(`bad-input battery: ${cases} cases, 0 server errors`);
  });
});
