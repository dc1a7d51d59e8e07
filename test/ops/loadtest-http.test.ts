/** The load tester's HTTP client (the typed client over kept-alive node:http): one safe retry of a creating POST, and loop-delay quantiles from a cumulative histogram. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeHttpAgents, histogramBuckets, hubClient, quantileBetween } from '../../scripts/loadtest/http.js';

describe('hubClient', () => {
  const keys: (string | undefined)[] = [];
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      keys.push(req.headers['idempotency-key'] as string | undefined);
      req.resume();
      // The first POST loses its connection before any answer, as a raced keep-alive close does.
      if (req.method === 'POST' && keys.length === 1) return void req.socket.destroy();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ n: keys.length }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    closeHttpAgents();
    await new Promise((r) => server.close(r));
  });

  it('sends a signed-in POST once more, under the same Idempotency-Key, when the connection is reset', async () => {
    const res = await hubClient(base, { token: 't' }).requestPath('POST', '/posts', { body: { text: 'x' } });
    expect(res).toMatchObject({ ok: true, status: 200, body: { n: 2 } });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('sends no key on reads', async () => {
    await hubClient(base, { token: 't' }).requestPath('GET', '/livez');
    expect(keys.at(-1)).toBeUndefined();
  });
});

describe('quantileBetween', () => {
  const scrape = (counts: number[]) =>
    histogramBuckets(
      ['0.001', '0.01', '0.1', '+Inf'].map((le, i) => `kj_event_loop_delay_seconds_bucket{le="${le}",node="n"} ${counts[i]}`).join('\n'),
      'kj_event_loop_delay_seconds',
    );

  it('reads the p99 of what happened between two scrapes, not since the start', () => {
    const a = scrape([1000, 1000, 1000, 1000]); // a calm start
    const b = scrape([1000, 1010, 1100, 1100]); // then 100 samples, 90 of them up to 100 ms late
    expect(quantileBetween(a, b, 0.99)).toBe(0.1);
    expect(quantileBetween(a, b, 0.05)).toBe(0.01);
    expect(quantileBetween(b, b, 0.99)).toBeUndefined();
  });
});
