/**
 * Whether a validly signed token is still a live session. Two facts on the user record decide it:
 * the token generation (a password change moves it on: every older token stops) and the list of
 * signed-out tokens (by hash, kept until they would have expired anyway).
 */
import { createHash } from 'node:crypto';
import type { TokenClaims } from './tokens.js';

export interface SessionFields {
  readonly tokenGen?: number | null;
  readonly revokedTokens?: ReadonlyArray<{ readonly h?: string | null; readonly exp?: Date | null }> | null;
}

export interface SessionState {
  readonly gen: number;
  readonly revoked: ReadonlySet<string>;
}

/** What the revocation list stores of a token: never the token itself. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url').slice(0, 32);

export function sessionOf(u: SessionFields): SessionState {
  const now = Date.now();
  const revoked = new Set<string>();
  for (const r of u.revokedTokens ?? []) if (r.h && (!r.exp || r.exp.getTime() > now)) revoked.add(r.h);
  return { gen: u.tokenGen ?? 0, revoked };
}

export function tokenAccepted(session: SessionState, claims: TokenClaims, token: string): boolean {
  if ((claims.gen ?? 0) !== session.gen) return false;
  return session.revoked.size === 0 || !session.revoked.has(tokenHash(token));
}
