/**
 * The signed-in user and their token. The token lives in localStorage under `kongjian.token`, so
 * a reload (or an outside test that sets it) signs in, and signing out in one tab signs out all.
 */
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
      const res = await fetch('/api/me', { headers: { Authorization: `Bearer ${token}` } });
      if (res.status === 401) {
        localStorage.removeItem(tokenKey);
        return this.set('signed-out', null);
      }
      if (!res.ok) throw new Error(`me: ${res.status}`);
      const { user } = (await res.json()) as { user: MeDto };
      this.set('signed-in', user);
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

  signOut(): void {
    localStorage.removeItem(tokenKey);
    this.set('signed-out', null);
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
