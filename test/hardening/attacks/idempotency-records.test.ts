/**
 * Attack (issue #26, finding 4): every new Idempotency-Key was stored for 24 h, also on endpoints with
 * no rate limit, and claimed before the rate limit: one account stored 20,000 records in 47 s. Now the
 * budgets are checked before a key is claimed and new keys per user are capped
 * (IDEMPOTENCY_KEYS_PER_USER); `kj_idempotency_keys` counts the records.
 */
import { describe, expect, it } from 'vitest';
import { registerUser, useTestHub } from '../../helpers/index.js';
import { livenessGuard, quietBaseline, watchWhile } from './probe.js';

async function keptRecords(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('kj_idempotency_keys{') || l.startsWith('kj_idempotency_keys '));
  if (!line) throw new Error('kj_idempotency_keys is not in /metrics');
  return Number(line.split(' ').at(-1));
}

function visit(url: string, token: string, handle: string, key: string) {
  return fetch(`${url}/api/spaces/${handle}/visit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
  }).then(async (r) => ({
    status: r.status,
    replayed: r.headers.get('idempotent-replayed'),
    body: r.status === 204 ? null : await r.json(),
  }));
}

describe('idempotency records', { timeout: 180_000 }, () => {
  const hub = useTestHub({ env: { RATE_LIMIT_SCALE: '1', IDEMPOTENCY_KEYS_PER_USER: '20' } });

  it('a fresh key per request on an endpoint with no rate limit stores at most the cap; past it 429, a repeat still replays', async () => {
    const [attacker, host, bystander] = [
      await registerUser(hub, 'attacker'),
      await registerUser(hub, 'host'),
      await registerUser(hub, 'bystander'),
    ];
    const before = await keptRecords(hub.url);
    const statuses: number[] = [];
    const attack = (async () => {
      for (let i = 0; i < 60; i += 1) {
        const res = await visit(hub.url, attacker.token, host.handle, `attack-${i}`);
        statuses.push(res.status);
        if (res.status === 429) expect(res.body.error.code).toBe('rate_limited');
      }
    })();
    const felt = await watchWhile(hub, attack, { handle: bystander.handle, password: 'correct horse battery' });
    const quiet = await quietBaseline(hub, 2_000, { handle: bystander.handle, password: 'correct horse battery' });
    const stored = (await keptRecords(hub.url)) - before;
    console.info(`idempotency records: 60 keyed visits → ${stored} records kept, ${statuses.filter((s) => s === 429).length} × 429`);
    expect(statuses.slice(0, 20).every((s) => s === 204)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    expect(stored).toBe(20);
    // A retry of a request that was answered still gets its kept answer, past the cap.
    const again = await visit(hub.url, attacker.token, host.handle, 'attack-3');
    expect(again).toMatchObject({ status: 204, replayed: 'true' });
    // Someone else's keys are their own.
    expect((await visit(hub.url, bystander.token, host.handle, 'mine-1')).status).toBe(204);
    expect(felt.slowestProbeMs).toBeLessThan(livenessGuard(quiet.slowestProbeMs));
    expect(felt.slowestSignInMs).toBeLessThan(livenessGuard(quiet.slowestSignInMs));
  });

  it("a request over its endpoint's rate limit stores no record", async () => {
    const user = await registerUser(hub, 'pw');
    const before = await keptRecords(hub.url);
    // POST /auth/password allows 10 tries per 15 min; a wrong one keeps nothing, a refused one must not either.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const res = await fetch(`${hub.url}/api/auth/password`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}`, 'idempotency-key': `pw-${i}`, 'content-type': 'application/json' },
        body: JSON.stringify({ current: 'wrong password', next: 'another good password' }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect((await keptRecords(hub.url)) - before).toBe(0);
  });
});
