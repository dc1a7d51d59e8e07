/**
 * Attack: a signed photo URL kept working 1–2 hours after its viewer lost access (unfriended), since
 * a URL is a capability the server cannot take back. Now URLs of non-public photos live 5–10 minutes.
 */
import { describe, expect, it } from 'vitest';
import { createUrlSigner } from '../../../server/modules/albums/url-signer.js';

const secret = 'test-secret-0123456789abcdef';

describe('signed photo URL lifetime', () => {
  it('a URL handed out at any moment stops working within 10 minutes, and works for at least 5', () => {
    const start = Date.UTC(2026, 11, 1, 3, 0, 0);
    // Every second of a 10-minute span: the lifetime depends on where in its step a URL was made.
    for (let offset = 0; offset < 600; offset += 7) {
      const givenAt = start + offset * 1000;
      const query = new URLSearchParams(createUrlSigner(secret, () => givenAt).query('photo1'));
      const at = (secondsLater: number) =>
        createUrlSigner(secret, () => givenAt + secondsLater * 1000).verify('photo1', query.get('sig'), query.get('exp'));
      expect(at(299)).toBeGreaterThan(0);
      expect(at(600)).toBe(0);
    }
  });
});
