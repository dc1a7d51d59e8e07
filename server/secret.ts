/**
 * The signing secret: `SECRET`, or one generated once into `DATA_DIR` and reused after; and the
 * keys derived from it, one per purpose, with the previous secret still verifying during a rotation.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export async function loadOrCreateSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'secret');
  try {
    const existing = (await fs.readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await fs.mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    // `wx`: if another node created it first, use theirs.
    await fs.writeFile(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return (await fs.readFile(file, 'utf8')).trim();
    throw err;
  }
}

/**
 * What a signer is given: the secret, or the secret plus the one it replaced (`SECRET_PREVIOUS`)
 * during a rotation, whose signatures stay valid until it is removed from the configuration.
 */
export type Secrets = string | { readonly current: string; readonly previous?: string | undefined };

/** One purpose, one key: a signature made for one use is never valid for another. */
export type KeyPurpose = 'token' | 'photo-url';

export interface SigningKeys {
  /** Signs. */
  readonly current: Buffer;
  /** Verifies: the current key first, then the previous one. */
  readonly verifying: readonly Buffer[];
}

/** HKDF-SHA256 from the secret, with the purpose in `info`: separate, independent keys from one SECRET. */
export function deriveKey(secret: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'kongjian signing keys', `kongjian ${purpose} v1`, 32));
}

export function signingKeys(secrets: Secrets, purpose: KeyPurpose): SigningKeys {
  const { current, previous } = typeof secrets === 'string' ? { current: secrets, previous: undefined } : secrets;
  const key = deriveKey(current, purpose);
  return { current: key, verifying: previous && previous !== current ? [key, deriveKey(previous, purpose)] : [key] };
}
