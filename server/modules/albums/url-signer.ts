/**
 * Capability URLs for photos of non-public albums. Browsers load images without an Authorization
 * header, so a photo URL handed to an allowed viewer carries an HMAC over the photo id and an expiry;
 * without a valid one the photo is not served. Expiries are rounded up to a 5-minute step, so one
 * viewer sees stable URLs (and cached images) for a few minutes, and a viewer who loses access (an
 * ex-friend, an album made private) keeps a working URL for at most 10 minutes (it was 1–2 hours).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKeys, type Secrets } from '../../secret.js';

export interface UrlSigner {
  /** `?sig=…&exp=…` query for `photoId`, valid for at least `minSeconds`. */
  query(photoId: string): string;
  /** Whether `sig` is a valid, unexpired signature for `photoId`; the seconds it stays valid otherwise 0. */
  verify(photoId: string, sig: unknown, exp: unknown): number;
}

/** URLs are valid for 5–10 minutes: at least one full step, the same URL for everyone within a step. */
export const bucketSeconds = 300;

/** `secrets`: the key is derived for photo URLs alone (server/secret.ts); a previous secret still verifies. */
export function createUrlSigner(secrets: Secrets, now = () => Date.now()): UrlSigner {
  const keys = signingKeys(secrets, 'photo-url');
  const macWith = (key: Buffer, photoId: string, exp: number) => createHmac('sha256', key).update(`photo:${photoId}:${exp}`).digest();
  const mac = (photoId: string, exp: number) => macWith(keys.current, photoId, exp);
  return {
    query(photoId) {
      const nowSeconds = Math.floor(now() / 1000);
      // At least one full step left, and the same URL for everyone asking within that step.
      const exp = (Math.floor(nowSeconds / bucketSeconds) + 2) * bucketSeconds;
      return `sig=${mac(photoId, exp).toString('base64url')}&exp=${exp}`;
    },
    verify(photoId, sig, exp) {
      if (typeof sig !== 'string' || typeof exp !== 'string' || !/^\d{1,12}$/.test(exp) || sig.length > 64) return 0;
      const expSeconds = Number(exp);
      const left = expSeconds - Math.floor(now() / 1000);
      if (left <= 0) return 0;
      const given = Buffer.from(sig, 'base64url');
      const signed = keys.verifying.some((key) => {
        const expected = macWith(key, photoId, expSeconds);
        return given.length === expected.length && timingSafeEqual(given, expected);
      });
      return signed ? left : 0;
    },
  };
}
