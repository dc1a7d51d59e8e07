import { describe, expect, it } from 'vitest';
import { createTokenSigner } from '../../../server/modules/accounts/tokens.js';

describe('tokens', () => {
  const id = '0123456789abcdef01234567';

  it('verifies what it signed', () => {
    const signer = createTokenSigner('a-secret-of-enough-length', 60);
    expect(signer.verify(signer.sign(id))?.sub).toBe(id);
  });

  it('refuses an expired token', () => {
    let now = 1_000_000;
    const signer = createTokenSigner('a-secret-of-enough-length', 60, () => now);
    const token = signer.sign(id);
    now += 61_000;
    expect(signer.verify(token)).toBeNull();
  });

  it('refuses a tampered payload, a foreign signature and garbage', () => {
    const signer = createTokenSigner('a-secret-of-enough-length', 60);
    const other = createTokenSigner('another-secret-entirely', 60);
    const [payload, sig] = signer.sign(id).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'ffffffffffffffffffffffff', iat: 0, exp: 9e9 })).toString('base64url');
    expect(signer.verify(`${forged}.${sig}`)).toBeNull();
    expect(signer.verify(other.sign(id))).toBeNull();
    expect(signer.verify(`${payload}`)).toBeNull();
    expect(signer.verify(`${payload}.${sig}.x`)).toBeNull();
    expect(signer.verify('')).toBeNull();
  });
});
