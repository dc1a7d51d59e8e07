/**
 * Password hashing with scrypt (memory-hard, from node:crypto): `scrypt$N$r$p$salt$hash`. A hub has
 * its own `Passwords` (built in app.ts): every derivation for someone waits its turn in that hub's
 * password queue (password-queue.ts), and new hashes use the hub's cost (PASSWORD_SCRYPT_N; stored
 * hashes keep the parameters they were made with, so a hash made at any cost still verifies).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordJobOwner, PasswordQueue } from './password-queue.js';

/** scrypt's cost N for new hashes in production: 16 MiB and ~40 ms of one core per derivation. */
export const defaultScryptCost = 16_384;
const keyLength = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

async function hashWith(password: string, N: number, run: (task: () => Promise<Buffer>) => Promise<Buffer>): Promise<string> {
  const params = { N, r: 8, p: 1 };
  const salt = randomBytes(16);
  const key = await run(() => derive(password, salt, params));
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

async function verifyWith(password: string, stored: string, run: (task: () => Promise<Buffer>) => Promise<Buffer>): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await run(() => derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) }));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash made outside any hub (seeding scripts): production's cost, no queue. */
export function hashPassword(password: string): Promise<string> {
  return hashWith(password, defaultScryptCost, (task) => task());
}

export interface PasswordsOptions {
  /** Where every derivation waits its turn. */
  readonly queue: PasswordQueue;
  /** scrypt's N for new hashes (a power of two). */
  readonly cost?: number;
}

/** A hub's password hashing: derivations for `owner` wait in the hub's queue. */
export interface Passwords {
  readonly queue: PasswordQueue;
  hash(password: string, owner: PasswordJobOwner): Promise<string>;
  verify(password: string, stored: string, owner: PasswordJobOwner): Promise<boolean>;
  /**
   * Does the work of checking `password` for an account that does not exist, and answers false: a
   * sign-in to an unknown handle then costs what one to a real handle costs (it answered in 2.4 ms
   * instead of 37.5 ms, telling which handles exist).
   */
  verifyNobody(password: string, owner: PasswordJobOwner): Promise<false>;
}

export function createPasswords({ queue, cost = defaultScryptCost }: PasswordsOptions): Passwords {
  const inQueue = (owner: PasswordJobOwner) => (task: () => Promise<Buffer>) => queue.run(owner, task);
  // A hash of a random password at this hub's cost, made at once (not on the first unknown handle):
  // what an unknown handle is checked against.
  const dummyHash = hashWith(randomBytes(16).toString('base64url'), cost, (task) => task());
  dummyHash.catch(() => undefined); // a failure is met by the sign-in that awaits it, not as an unhandled rejection at start
  return {
    queue,
    hash: (password, owner) => hashWith(password, cost, inQueue(owner)),
    verify: (password, stored, owner) => verifyWith(password, stored, inQueue(owner)),
    async verifyNobody(password, owner) {
      await verifyWith(password, await dummyHash, inQueue(owner));
      return false;
    },
  };
}
