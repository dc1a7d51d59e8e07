/**
 * The signed-in user and their token. The token lives in localStorage under `kongjian.token`, so
 * a reload (or an outside test that sets it) signs in, and signing out in one tab signs out all.
 */
import { createApiClient } from '../../../shared/api-client.js';
import type { AuthResponse, MeDto } from '../../../shared/dto.js';

export const tokenKey = 'kongjian.token';

export type SessionStatus = 'loading' | 'signed-out' | 'signed-in';

class Session extends EventTarget {
  status: SessionStatus = 'loading';
  me: MeDto | null = null;

  get token(): string | null {
    return localStorage.getItem(tokenKey);
  }

  constructor() {
    super();
    window.addEventListener('storage', (e) => {
      if (e.key === tokenKey) void this.restore();
    });
  }

  /** Checks the stored token with `/api/me`; an unusable token is forgotten. */
  async restore(): Promise<void> {
    const token = this.token;
    if (!token) return this.set('signed-out', null);
    try {
      // Its own client: services/api.ts reads the session, and a 401 here is an answer, not an expiry.
      const res = await createApiClient({ token }).request('GET /me');
      if (res.status === 401) {
        localStorage.removeItem(tokenKey);
        return this.set('signed-out', null);
      }
      if (!res.ok) throw new Error(`me: ${res.status}`);
      this.set('signed-in', res.body.user);
    } catch {
      // The hub is unreachable: stay signed in on the stored token and let the app show offline.
      this.set(this.me ? 'signed-in' : 'signed-out', this.me);
    }
  }

  /** Keeps the answer of register/login. */
  signIn(auth: AuthResponse): void {
    localStorage.setItem(tokenKey, auth.token);
    this.set('signed-in', auth.user);
  }

  /** The signed-in user's own record changed (a profile edit here or in another tab). */
  updateMe(user: MeDto): void {
    if (this.status === 'signed-in' && this.me?.id === user.id) this.set('signed-in', user);
  }

  /**
   * A password change in flight: it ends every token of the user, this one too, and answers a new one.
   * Until it settles, a `revoked` notice for this tab's socket is about the old token, not this session.
   */
  renewing: Promise<unknown> | null = null;

  /** This tab is signing itself out (sign-out, account deletion): the hub's `revoked` notice is expected. */
  leaving = false;

  /** Runs a change that answers a new token (the password change) and keeps that token. */
  async renew(change: () => Promise<{ token: string }>): Promise<void> {
    const running = change();
    this.renewing = running.catch(() => undefined);
    try {
      const { token } = await running;
      localStorage.setItem(tokenKey, token);
      if (this.me) this.set('signed-in', this.me);
    } finally {
      this.renewing = null;
    }
  }

  signOut(): void {
    localStorage.removeItem(tokenKey);
    this.set('signed-out', null);
    this.leaving = false;
  }

  /** The hub refused the token (expired or revoked). */
  expire(): void {
    this.signOut();
  }

  private set(status: SessionStatus, me: MeDto | null): void {
    this.status = status;
    this.me = me;
    this.dispatchEvent(new Event('change'));
  }
}

export const session = new Session();
