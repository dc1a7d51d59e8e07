/** Signed, expiring bearer tokens: `<payload>.<hmac>`, both base64url; HMAC-SHA256 over the payload. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { signingKeys, type Secrets } from '../../secret.js';

export interface TokenClaims {
  /** The user id. */
  readonly sub: string;
  /** Issued at, seconds since the epoch. */
  readonly iat: number;
  /** Expires at, seconds since the epoch. */
  readonly exp: number;
  /** The user's token generation when it was issued (absent: 0); a password change moves it on. */
  readonly gen?: number;
}

export interface TokenSigner {
  /** `gen`: the user's current token generation (accounts/sessions.ts). */
  sign(userId: string, gen?: number): string;
  /** The claims of a valid, unexpired token; null for anything else. */
  verify(token: string): TokenClaims | null;
}

/** `secrets`: the key is derived for tokens alone (server/secret.ts); a previous secret still verifies. */
export function createTokenSigner(secrets: Secrets, ttlSeconds: number, now = () => Date.now()): TokenSigner {
  const keys = signingKeys(secrets, 'token');
  const macWith = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest();
  const mac = (payload: string) => macWith(keys.current, payload);
  const signedByAnyKey = (payload: string, given: Buffer) =>
    keys.verifying.some((key) => {
      const expected = macWith(key, payload);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  return {
    sign(userId, gen = 0) {
      const iat = Math.floor(now() / 1000);
      // `jti` tells apart two sign-ins in the same second, so signing out of one leaves the other.
      const claims = { sub: userId, iat, exp: iat + ttlSeconds, ...(gen ? { gen } : {}), jti: randomBytes(9).toString('base64url') };
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    verify(token) {
      if (typeof token !== 'string' || token.length > 512) return null;
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined) return null;
      if (!signedByAnyKey(payload, Buffer.from(signature, 'base64url'))) return null;
      try {
        const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        if (!isClaims(claims) || claims.exp * 1000 <= now()) return null;
        return claims;
      } catch {
        return null;
      }
    },
  };
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.sub === 'string' &&
    typeof c.iat === 'number' &&
    typeof c.exp === 'number' &&
    (c.gen === undefined || (typeof c.gen === 'number' && Number.isSafeInteger(c.gen)))
  );
}
