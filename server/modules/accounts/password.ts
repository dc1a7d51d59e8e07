/**
 * Password hashing with scrypt (memory-hard, from node:crypto): `scrypt$N$r$p$salt$hash`. Given who
 * it is for, a derivation waits its turn in the process's password queue (password-queue.ts).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createPasswordQueue, type PasswordJobOwner } from './password-queue.js';

const params = { N: 16384, r: 8, p: 1 } as const;
const keyLength = 32;

/** One per process: the libuv thread pool it protects is one per process too. */
export const passwordQueue = createPasswordQueue();

function derive(password: string, salt: Buffer, options: ScryptOptions, owner: PasswordJobOwner | undefined): Promise<Buffer> {
  const run = () =>
    new Promise<Buffer>((resolve, reject) => {
      scrypt(password.normalize('NFKC'), salt, keyLength, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
        err ? reject(err) : resolve(key),
      );
    });
  return owner ? passwordQueue.run(owner, run) : run();
}

/** Without `owner` (seeding scripts) the derivation skips the queue. */
export async function hashPassword(password: string, owner?: PasswordJobOwner): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params, owner);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string, owner?: PasswordJobOwner): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) }, owner);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random password with today's parameters, made once: what an unknown handle is checked against. */
let dummyHash: Promise<string> | undefined;

/** Makes the dummy hash now (at start), so that the first unknown handle does not cost an extra hash. */
export function prepareDummyHash(): void {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
}

/**
 * Does the work of checking `password` for an account that does not exist, and answers false: a
 * sign-in to an unknown handle then costs what one to a real handle costs (it answered in 2.4 ms
 * instead of 37.5 ms, telling which handles exist).
 */
export async function verifyNobody(password: string, owner?: PasswordJobOwner): Promise<false> {
  prepareDummyHash();
  await verifyPassword(password, await dummyHash!, owner);
  return false;
}
