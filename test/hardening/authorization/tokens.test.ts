/**
 * Tokens that must not work: tampered in any part, expired, or naming an account that no longer
 * exists. Each answers 401 `unauthorized` on REST and a `connect_error` "unauthorized" on sockets.
 */
import { createHmac } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenSigner } from '../../../server/modules/accounts/tokens.js';
import {
  apiClient,
  closeAllSockets,
  connectSocket,
  engines,
  registerUser,
  startTestHub,
  waitFor,
  type TestHub,
} from '../../helpers/index.js';

/** Polls `check` until true, at most `ms`; resolves with the time it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  await waitFor(check, { timeoutMs: ms, intervalMs: 100 });
  return Date.now() - start;
}

async function expectRefused(hub: TestHub, token: string, label: string): Promise<void> {
  const res = await apiClient(hub.url, token).get('/me');
  expect(res.status, `${label}: REST`).toBe(401);
  expect(res.body.error.code, label).toBe('unauthorized');
  await expect(connectSocket(hub, token), `${label}: socket`).rejects.toThrow('unauthorized');
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);

describe.each(engines)('bad tokens on %s', (engine) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ engine, env: { TOKEN_TTL_SECONDS: '1' } });
  });
  afterAll(async () => {
    closeAllSockets();
    await hub?.close();
  });

  it('refuses every tampered form of a valid token', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const [payload, sig] = alice.token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string; iat: number; exp: number };
    const forged = b64({ ...claims, sub: bob.id });
    const tampered: Record<string, string> = {
      'payload bit flipped': `${flip(payload, 5)}.${sig}`,
      'signature bit flipped': `${payload}.${flip(sig, 3)}`,
      'another user, same signature': `${forged}.${sig}`,
      'another user, signed with a guessed secret': `${forged}.${createHmac('sha256', 'secret').update(forged).digest('base64url')}`,
      'expiry pushed out, same signature': `${b64({ ...claims, exp: claims.exp + 10 ** 6 })}.${sig}`,
      'no signature': `${payload}.`,
      'signature only': `.${sig}`,
      'an extra segment': `${alice.token}.x`,
      'truncated signature': `${payload}.${sig.slice(0, 20)}`,
      'far too long': `${payload}.${sig}${'A'.repeat(600)}`,
      'a JWT with alg none': `${b64({ alg: 'none' })}.${forged}.`,
      garbage: 'not-a-token',
    };
    for (const [label, token] of Object.entries(tampered)) await expectRefused(hub, token, label);
    const noBearer = await fetch(`${hub.url}/api/me`, { headers: { authorization: alice.token } });
    expect(noBearer.status, 'no Bearer prefix').toBe(401);
  });

  it('refuses a token once it has expired (TTL 1 s), on REST and socket', async () => {
    const carol = await registerUser(hub, 'carol');
    // Bounded poll rather than a fixed sleep: the 1 s TTL counts in whole seconds.
    await within(3_500, async () => (await carol.api.get('/me')).status === 401);
    await expectRefused(hub, carol.token, 'expired');
    const fresh = await apiClient(hub.url).post('/auth/login', { handle: carol.handle, password: 'correct horse battery' });
    expect(fresh.status).toBe(200);
  });

  it('refuses the token of a deleted account', async () => {
    const dave = await registerUser(hub, 'dave');
    // A long-lived token (signed with the hub's secret), so only the account's absence can refuse it.
    const token = createTokenSigner(hub.config.secret!, 3600).sign(dave.id);
    expect((await apiClient(hub.url, token).get('/me')).status).toBe(200);
    // Delete the account record directly, as an operator would (there is no deletion API).
    let deleted = 0;
    for (const conn of mongoose.connections.filter((c) => c.readyState === mongoose.ConnectionStates.connected && c.models.User)) {
      deleted += (await conn.models.User!.deleteOne({ _id: new Types.ObjectId(dave.id) })).deletedCount;
    }
    expect(deleted).toBe(1);
    // A node trusts an account it looked up in the last 5 s (the accounts cache): bounded poll.
    const took = await within(7_000, async () => (await apiClient(hub.url, token).get('/me')).status === 401);
    await expectRefused(hub, token, `deleted account (refused after ${took} ms)`);
  });
});
