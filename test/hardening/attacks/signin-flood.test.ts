/**
 * Attack (issue #26, findings 3 and 13): only failed sign-ins were limited and every sign-in ran
 * scrypt on libuv's FIFO pool, so 64 parallel correct sign-ins to one's own account delayed a
 * bystander's sign-in to 4.3 s. And a sign-in to an unknown handle answered without scrypt (2.4 ms vs
 * 37.5 ms), telling which handles exist. Now derivations wait in a bounded, fair password queue,
 * every sign-in spends a budget, and an unknown handle is checked against a dummy hash.
 */
import { describe, expect, it } from 'vitest';
import { registerUser, useTestHub } from '../../helpers/index.js';
import { livenessGuard, quietBaseline, watchWhile } from './probe.js';

function signIn(url: string, from: string, handle: string, password: string) {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ handle, password }),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: { code: string } } }));
}

describe('sign-in flood', { timeout: 240_000 }, () => {
  // Production's scrypt cost: the flood is about what each derivation costs the CPU.
  const hub = useTestHub({ env: { RATE_LIMIT_SCALE: '1', TRUST_PROXY: 'loopback', PASSWORD_SCRYPT_N: '16384' } });

  it("64 parallel correct sign-ins to one's own account: the overflow is refused 429 at once, and a bystander signs in meanwhile", async () => {
    const attacker = await registerUser(hub, 'attacker');
    const bystander = await registerUser(hub, 'bystander');
    const started = performance.now();
    const answers: number[] = [];
    const attack = (async () => {
      for (let round = 0; round < 3; round += 1) {
        const round_ = await Promise.all(
          Array.from({ length: 64 }, () => signIn(hub.url, '198.51.100.9', attacker.handle, 'correct horse battery')),
        );
        for (const a of round_) {
          answers.push(a.status);
          if (a.status !== 200) expect(a.body.error?.code).toBe('rate_limited');
        }
      }
    })();
    const felt = await watchWhile(hub, attack, { handle: bystander.handle, password: 'correct horse battery' });
    const attackMs = performance.now() - started;
    const quiet = await quietBaseline(hub, Math.min(attackMs, 5_000), { handle: bystander.handle, password: 'correct horse battery' });
    const ok = answers.filter((s) => s === 200).length;
    console.info(
      `sign-in flood: 3 × 64 sign-ins in ${attackMs.toFixed(0)} ms, ${ok} signed in, ${answers.length - ok} × 429; liveness ${felt.slowestProbeMs.toFixed(0)} ms (quiet ${quiet.slowestProbeMs.toFixed(0)}), sign-in ${felt.slowestSignInMs.toFixed(0)} ms (quiet ${quiet.slowestSignInMs.toFixed(0)})`,
    );
    expect(answers).toHaveLength(192);
    expect(answers.every((s) => s === 200 || s === 429)).toBe(true);
    // A few run and two wait per account at a time: most of each burst is refused without any scrypt work
    // (before the fix all 192 ran).
    expect(answers.length - ok).toBeGreaterThanOrEqual(96);
    expect(ok).toBeGreaterThanOrEqual(3);
    expect(felt.signIns).toBeGreaterThan(0);
    expect(felt.slowestProbeMs).toBeLessThan(livenessGuard(quiet.slowestProbeMs));
    expect(felt.slowestSignInMs).toBeLessThan(livenessGuard(quiet.slowestSignInMs));
    expect(hub.passwords.queue.waiting).toBe(0);
  });

  it('an unknown handle costs the same derivation as a real one (no timing tell), and its median time is alike', async () => {
    const owner = await registerUser(hub, 'owner');
    const derivations = async (handle: string) => {
      const before = hub.passwords.queue.completed;
      const res = await signIn(hub.url, '198.51.100.30', handle, 'not the password');
      expect(res.status).toBe(401);
      return hub.passwords.queue.completed - before;
    };
    expect(await derivations(owner.handle)).toBe(1);
    expect(await derivations('nobody_by_this_name')).toBe(1);
    // Interleaved, so that the box's load falls on both alike.
    const known: number[] = [];
    const unknown: number[] = [];
    const timed = async (handle: string) => {
      const t = performance.now();
      await signIn(hub.url, '198.51.100.31', handle, 'not the password');
      return performance.now() - t;
    };
    for (let i = 0; i < 9; i += 1) {
      known.push(await timed(owner.handle));
      unknown.push(await timed(`nobody_${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.info(`sign-in timing: known handle ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms (median of 9)`);
    expect(median(unknown)).toBeGreaterThan(median(known) / 3);
  });
});

describe('sign-in budgets', { timeout: 120_000 }, () => {
  // A tenth of production's budgets: 30 sign-ins per (handle, address) per 10 min.
  const hub = useTestHub({ env: { RATE_LIMIT_SCALE: '0.1', TRUST_PROXY: 'loopback' } });

  it('every sign-in, right or wrong, spends its (handle, address) budget; another address still signs in', async () => {
    const owner = await registerUser(hub, 'owner');
    const statuses: number[] = [];
    for (let i = 0; i < 32; i += 1) statuses.push((await signIn(hub.url, '198.51.100.60', owner.handle, 'correct horse battery')).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    expect((await signIn(hub.url, '192.0.2.61', owner.handle, 'correct horse battery')).status).toBe(200);
  });
});
