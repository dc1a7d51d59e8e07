/**
 * A hub's password hashing (server/modules/accounts/password.ts): its own queue and its own scrypt
 * cost for new hashes; a stored hash keeps the parameters it was made with, so accounts made at one
 * cost sign in on a hub set to another.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { createPasswords, defaultScryptCost, hashPassword } from '../../../server/modules/accounts/password.js';
import { createPasswordQueue, scaledPasswordQueueOptions } from '../../../server/modules/accounts/password-queue.js';

const owner = { address: '192.0.2.1', account: 'someone' };

describe('a hub’s passwords', () => {
  it('hash at the hub’s cost, verify at the stored one, and check an unknown handle with one derivation', async () => {
    const cheap = createPasswords({ queue: createPasswordQueue(), cost: 1024 });
    const hash = await cheap.hash('correct horse battery', owner);
    expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', '1024', '8', '1']);
    expect(await cheap.verify('correct horse battery', hash, owner)).toBe(true);
    expect(await cheap.verify('wrong horse battery', hash, owner)).toBe(false);

    // A hash made at production's cost (a seeded account) still signs in on the cheap hub.
    const strong = await hashPassword('correct horse battery');
    expect(strong.split('$')[1]).toBe(String(defaultScryptCost));
    expect(await cheap.verify('correct horse battery', strong, owner)).toBe(true);

    const before = cheap.queue.completed;
    expect(await cheap.verifyNobody('anything', owner)).toBe(false);
    expect(cheap.queue.completed - before).toBe(1);
  });

  it('has a queue of its own: two hubs in one process do not count each other’s work', async () => {
    const a = createPasswords({ queue: createPasswordQueue(), cost: 1024 });
    const b = createPasswords({ queue: createPasswordQueue(), cost: 1024 });
    await a.hash('one password', owner);
    expect(a.queue.completed).toBe(1);
    expect(b.queue.completed).toBe(0);
  });

  it('scales only the waiting bounds by RATE_LIMIT_SCALE, never below production’s', () => {
    const base = { concurrency: 1, maxWaiting: 64, maxWaitingPerAddress: 8, maxWaitingPerAccount: 2 };
    expect(scaledPasswordQueueOptions(50, base)).toEqual({
      concurrency: 1,
      maxWaiting: 3200,
      maxWaitingPerAddress: 400,
      maxWaitingPerAccount: 100,
    });
    expect(scaledPasswordQueueOptions(0.1, base)).toEqual(base);
  });
});

describe('PASSWORD_SCRYPT_N', () => {
  it('defaults to production’s cost and takes a power of two from 1024', () => {
    expect(loadConfig({}).passwordScryptCost).toBe(16_384);
    expect(loadConfig({ PASSWORD_SCRYPT_N: '1024' }).passwordScryptCost).toBe(1024);
  });

  it.each(['1000', '512', '2097152', 'cheap'])('refuses %s', (value) => {
    expect(() => loadConfig({ PASSWORD_SCRYPT_N: value })).toThrow('PASSWORD_SCRYPT_N');
  });
});
