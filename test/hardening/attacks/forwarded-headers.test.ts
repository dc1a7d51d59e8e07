/**
 * Attack: `X-Forwarded-For` was believed from any loopback/private peer, so rotating it bypassed the
 * per-address registration and sign-in limits (40 registrations, 0 refused), and `/api/config`
 * echoed `X-Forwarded-Host`. Now no peer is trusted unless TRUST_PROXY names it.
 */
import { describe, expect, it } from 'vitest';
import { uniqueHandle, useTestHub } from '../../helpers/index.js';

async function register(url: string, forwardedFor: string) {
  const res = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ handle: uniqueHandle('xff'), password: 'correct horse battery', displayName: 'x' }),
  });
  return res.status;
}

describe('forwarded headers from an untrusted peer (TRUST_PROXY unset)', { timeout: 120_000 }, () => {
  const hub = useTestHub({ env: { RATE_LIMIT_SCALE: '1' } });

  it('rotating X-Forwarded-For does not escape the per-address registration limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) statuses.push(await register(hub.url, `203.0.113.${i + 1}`));
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });

  it('/api/config does not echo X-Forwarded-Host', async () => {
    const res = await fetch(`${hub.url}/api/config`, { headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } });
    const { realtimeUrl } = (await res.json()) as { realtimeUrl: string };
    expect(realtimeUrl).not.toContain('evil.example');
    expect(realtimeUrl.startsWith('http://127.0.0.1:')).toBe(true);
  });
});

describe('forwarded headers from a proxy TRUST_PROXY names', { timeout: 120_000 }, () => {
  const hub = useTestHub({ env: { RATE_LIMIT_SCALE: '1', TRUST_PROXY: 'loopback' } });

  it('the address the proxy forwards is the client address, each with its own budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) statuses.push(await register(hub.url, `203.0.113.${i + 1}`));
    expect(statuses.every((s) => s === 201)).toBe(true);
  });

  it("/api/config follows the proxy's X-Forwarded-Host", async () => {
    const res = await fetch(`${hub.url}/api/config`, { headers: { 'x-forwarded-host': 'hub.example', 'x-forwarded-proto': 'https' } });
    expect(((await res.json()) as { realtimeUrl: string }).realtimeUrl.startsWith('https://hub.example')).toBe(true);
  });
});
