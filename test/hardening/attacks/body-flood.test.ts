/**
 * Attack (issue #26, findings 1 and 9): every /api body was parsed (up to 1 MB) before its endpoint,
 * its caller or any budget was known. 1 MB of nested brackets costs ~108 ms of JSON.parse; eight
 * connections sending it to the sign-in held liveness and a bystander's sign-in near 10 s. And a
 * deeply nested body with an Idempotency-Key answered 500 (recursion in canonicalJson).
 * Now: per-endpoint size limits (sign-in 2 KiB), refused 413 from Content-Length or at the limit;
 * a depth limit (32) applied while the bytes arrive, 400; an anonymous budget per address, 429,
 * spent before the body is read.
 */
import { describe, expect, it } from 'vitest';
import { registerUser, useTestHub } from '../../helpers/index.js';
import { canonicalJson } from '../../../server/http/idempotency/store.js';
import { AppError } from '../../../server/errors.js';
import { livenessGuard, quietBaseline, watchWhile } from './probe.js';
import { nestedBrackets, rawPost, type RawAnswer } from './raw-http.js';

describe('body flood', { timeout: 240_000 }, () => {
  // Budgets as in production; the attacker speaks through a trusted (loopback) proxy as other addresses.
  const hub = useTestHub({ env: { RATE_LIMIT_SCALE: '1', TRUST_PROXY: 'loopback' } });

  it('eight connections of 1 MB nested brackets to the sign-in: each refused 413 unparsed, while liveness and a sign-in answer', async () => {
    const bystander = await registerUser(hub, 'bystander');
    const signIn = { handle: bystander.handle, password: 'correct horse battery' };
    const bomb = nestedBrackets(512 * 1024);
    const login = `${hub.url}/api/auth/login`;
    const started = performance.now();
    const answers: RawAnswer[] = [];
    // Eight connections, four rounds each: declared (Content-Length) and chunked in turn. Each from its own address.
    const attack = Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        for (let round = 0; round < 4; round += 1) {
          answers.push(await rawPost(login, bomb, { chunked: round % 2 === 1, headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } }));
        }
      }),
    );
    const felt = await watchWhile(hub, attack, signIn);
    const attackMs = performance.now() - started;
    const quiet = await quietBaseline(hub, Math.min(attackMs, 5_000), signIn);
    console.info(
      `body flood: 32 × 1 MB in ${attackMs.toFixed(0)} ms; liveness ${felt.slowestProbeMs.toFixed(0)} ms (quiet ${quiet.slowestProbeMs.toFixed(0)}), sign-in ${felt.slowestSignInMs.toFixed(0)} ms (quiet ${quiet.slowestSignInMs.toFixed(0)})`,
    );
    expect(answers).toHaveLength(32);
    for (const a of answers) {
      expect(a.status).toBe(413);
      expect(a.body.error?.code).toBe('too_large');
    }
    expect(felt.signIns).toBeGreaterThan(0);
    expect(felt.slowestProbeMs).toBeLessThan(livenessGuard(quiet.slowestProbeMs));
    expect(felt.slowestSignInMs).toBeLessThan(livenessGuard(quiet.slowestSignInMs));
  });

  it('a small body nested too deep is refused 400 before it is parsed, with or without an Idempotency-Key', async () => {
    const deep = await rawPost(`${hub.url}/api/auth/login`, nestedBrackets(100), { headers: { 'x-forwarded-for': '198.51.100.50' } });
    expect(deep.status).toBe(400);
    expect(deep.body.error?.message).toMatch(/nests deeper than 32/);
    // Finding 9: 7,000 levels (14 KB) with an Idempotency-Key answered 500 (stack overflow in canonicalJson).
    const user = await registerUser(hub, 'nester');
    const keyed = await rawPost(`${hub.url}/api/posts`, `{"kind":"shuoshuo","text":${nestedBrackets(7_000)}}`, {
      headers: { authorization: `Bearer ${user.token}`, 'idempotency-key': 'deep-1' },
    });
    expect(keyed.status).toBe(400);
    expect(keyed.body.error?.code).toBe('invalid');
    // Within the limit, the same request is fine.
    const fine = await user.api.post('/posts', { kind: 'shuoshuo', text: 'flat', privacy: 'public' });
    expect(fine.status).toBe(201);
  });

  it('canonicalJson refuses nesting past the limit as invalid instead of overflowing the stack', () => {
    let value: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) value = [value];
    expect(() => canonicalJson(value)).toThrow(AppError);
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: null })).toBe('{"a":null,"b":[1,{"c":3,"d":2}]}');
  });

  it('one address sending anonymous bodies is stopped by its budget before the body is read; other addresses are not', async () => {
    const from = { 'x-forwarded-for': '198.51.100.77' };
    const statuses: number[] = [];
    for (let i = 0; i < 610; i += 1) statuses.push((await rawPost(`${hub.url}/api/auth/login`, '{}', { headers: from })).status);
    expect(statuses.slice(0, 600).every((s) => s === 400)).toBe(true); // not a valid sign-in: read, refused by the schema
    expect(statuses.slice(600).every((s) => s === 429)).toBe(true);
    const refused = await rawPost(`${hub.url}/api/auth/login`, nestedBrackets(512 * 1024), { chunked: true, headers: from });
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('rate_limited');
    const other = await rawPost(`${hub.url}/api/auth/login`, '{}', { headers: { 'x-forwarded-for': '198.51.100.78' } });
    expect(other.status).toBe(400);
  });
});
