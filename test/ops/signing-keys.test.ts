/**
 * Signing keys: tokens and photo URLs are signed with separate keys derived from SECRET, and a
 * rotation keeps what the previous secret signed valid while SECRET_PREVIOUS is set.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTokenSigner } from '../../server/modules/accounts/tokens.js';
import { createUrlSigner } from '../../server/modules/albums/url-signer.js';
import { deriveKey, signingKeys } from '../../server/secret.js';
import { startEmbeddedStore } from '../../server/db/embedded/index.js';
import { apiClient, freePort, registerUser, startTestHub } from '../helpers/index.js';

const oldSecret = 'the-old-secret-0123456789';
const newSecret = 'the-new-secret-9876543210';

describe('derived signing keys', () => {
  it('gives each purpose its own key, none of them the secret itself', () => {
    const token = deriveKey(oldSecret, 'token');
    const photo = deriveKey(oldSecret, 'photo-url');
    expect(token).toHaveLength(32);
    expect(token.equals(photo)).toBe(false);
    expect(token.equals(Buffer.from(oldSecret))).toBe(false);
    expect(deriveKey(oldSecret, 'token').equals(token)).toBe(true); // stable across restarts and nodes
  });

  it('does not accept a token MACed with the raw secret or with the photo key', () => {
    const signer = createTokenSigner(oldSecret, 60);
    const payload = Buffer.from(JSON.stringify({ sub: 'u1', iat: 1, exp: 9_999_999_999 })).toString('base64url');
    for (const key of [Buffer.from(oldSecret), deriveKey(oldSecret, 'photo-url')]) {
      const forged = `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
      expect(signer.verify(forged)).toBeNull();
    }
    expect(signer.verify(signer.sign('u1'))).toMatchObject({ sub: 'u1' });
  });

  it('verifies with the previous secret during a rotation, signs only with the new one', () => {
    const before = createTokenSigner(oldSecret, 60);
    const rotating = createTokenSigner({ current: newSecret, previous: oldSecret }, 60);
    const after = createTokenSigner(newSecret, 60);
    const oldToken = before.sign('u1');
    expect(rotating.verify(oldToken)).toMatchObject({ sub: 'u1' });
    expect(after.verify(oldToken)).toBeNull(); // SECRET_PREVIOUS removed: the grace is over
    const newToken = rotating.sign('u2');
    expect(after.verify(newToken)).toMatchObject({ sub: 'u2' });
    expect(before.verify(newToken)).toBeNull();
    expect(signingKeys({ current: newSecret, previous: oldSecret }, 'token').verifying).toHaveLength(2);
  });

  it('photo URLs rotate the same way', () => {
    const oldQuery = new URLSearchParams(createUrlSigner(oldSecret).query('p1'));
    const rotating = createUrlSigner({ current: newSecret, previous: oldSecret });
    expect(rotating.verify('p1', oldQuery.get('sig'), oldQuery.get('exp'))).toBeGreaterThan(0);
    expect(createUrlSigner(newSecret).verify('p1', oldQuery.get('sig'), oldQuery.get('exp'))).toBe(0);
  });
});

describe('a hub restarted with a rotated SECRET', () => {
  it('keeps sign-ins made under the old secret while SECRET_PREVIOUS names it, and only then', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-rotate-'));
    const store = await startEmbeddedStore({ dir, port: await freePort() });
    const mongodbUri = `${store.uri}/kongjian`;
    try {
      const first = await startTestHub({ mongodbUri, env: { SECRET: oldSecret } });
      const user = await registerUser(first, 'rotor').finally(() => first.close());
      const rotated = await startTestHub({ mongodbUri, env: { SECRET: newSecret, SECRET_PREVIOUS: oldSecret } });
      try {
        expect((await apiClient(rotated.url, user.token).get('/me')).status).toBe(200);
      } finally {
        await rotated.close();
      }
      const after = await startTestHub({ mongodbUri, env: { SECRET: newSecret } });
      try {
        expect((await apiClient(after.url, user.token).get('/me')).status).toBe(401);
      } finally {
        await after.close();
      }
    } finally {
      await store.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
