/**
 * Attack: handles are public, and the per-handle sign-in counter was spent before the password was
 * checked: ten wrong sign-ins from anywhere locked the owner out for 900 s, renewable forever. Now
 * failures count per (handle, address) and per address; the right password from another address works.
 */
import { describe, expect, it } from 'vitest';
import { registerUser, useTestHub } from '../../helpers/index.js';

function signIn(url: string, from: string, handle: string, password: string) {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ handle, password }),
  }).then((r) => r.status);
}

describe('sign-in lock-out', { timeout: 120_000 }, () => {
  // The test acts as several addresses through a trusted (loopback) proxy.
  const hub = useTestHub({ env: { RATE_LIMIT_SCALE: '1', TRUST_PROXY: 'loopback' } });

  it("an attacker's wrong guesses stop the attacker's address, never the owner signing in from elsewhere", async () => {
    const owner = await registerUser(hub, 'owner');
    const guesses: number[] = [];
    for (let i = 0; i < 15; i += 1) guesses.push(await signIn(hub.url, '198.51.100.7', owner.handle, `wrong ${i}`));
    expect(guesses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(guesses.slice(10).every((s) => s === 429)).toBe(true);
    // Even the right password from the attacker's address is refused now (it is that address that is stopped).
    expect(await signIn(hub.url, '198.51.100.7', owner.handle, 'correct horse battery')).toBe(429);
    // The owner, from their own address, signs in at once.
    expect(await signIn(hub.url, '192.0.2.44', owner.handle, 'correct horse battery')).toBe(200);
  });

  it('a success clears the (handle, address) failures: a typo now and then never adds up', async () => {
    const owner = await registerUser(hub, 'typo');
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < 9; i += 1) expect(await signIn(hub.url, '192.0.2.80', owner.handle, 'typo')).toBe(401);
      expect(await signIn(hub.url, '192.0.2.80', owner.handle, 'correct horse battery')).toBe(200);
    }
  });

  it('one address guessing across many handles is stopped by its address budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 105; i += 1) statuses.push(await signIn(hub.url, '198.51.100.99', `nobody_${i}`, 'guess'));
    expect(statuses.slice(0, 100).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(100).every((s) => s === 429)).toBe(true);
  });
});
