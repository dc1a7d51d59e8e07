import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { SessionController } from '../controllers/session-controller.js';
import { ApiError, api, errorText } from '../services/api.js';
import { router } from '../services/router.js';
import { session } from '../services/session.js';
import { toasts } from '../services/toasts.js';
import { shared } from '../styles/shared.js';
import { errorNotice } from '../error-notice.js';
import { formText } from '../form-text.js';

/** The hub answers a wrong password with 401; say so rather than "sign in again". */
const wrongPassword = (err: unknown): string | null =>
  err instanceof ApiError && err.status === 401 ? msg('That password is not right.', { id: 'account.wrongPassword' }) : null;

/**
 * Settings → Sign-in and account: change the password (every other session ends at once; this one
 * continues on the new token), and delete the account after typing one's handle and password.
 */
@localized()
@customElement('kj-account-security')
export class KjAccountSecurity extends LitElement {
  static override styles = [
    shared,
    css`
      form { display: grid; gap: 8px; margin-top: 8px; }
      label { font-weight: 600; font-size: 0.9rem; }
      h3 { margin: 16px 0 0; font-size: 1rem; }
      .warning { font-size: 0.9rem; }
    `,
  ];

  @state() private busy = false;
  @state() private passwordError = '';
  @state() private deleteError = '';
  @state() private confirmHandle = '';
  private readonly session = new SessionController(this);

  override render() {
    const me = this.session.me;
    if (!me) return null;
    return html`<h3 id="pw-title">${msg('Change password', { id: 'account.changePassword' })}</h3>
      <form @submit=${this.changePassword} aria-labelledby="pw-title">
        <label for="pw-current">${msg('Current password', { id: 'account.currentPassword' })}</label>
        <input id="pw-current" name="current" type="password" autocomplete="current-password" required />
        <label for="pw-next">${msg('New password (at least 8 characters)', { id: 'account.newPassword' })}</label>
        <input id="pw-next" name="next" type="password" autocomplete="new-password" minlength="8" maxlength="128" required />
        <p class="muted">${msg('Every other device signed in to your account is signed out.', { id: 'account.passwordNote' })}</p>
        ${errorNotice(this.passwordError)}
        <div><button type="submit" ?disabled=${this.busy}>${msg('Change password', { id: 'account.changePassword' })}</button></div>
      </form>
      <h3 id="delete-title">${msg('Delete account', { id: 'account.delete' })}</h3>
      <form @submit=${this.deleteAccount} aria-labelledby="delete-title">
        <p class="warning">${msg('Your space, posts, comments, photos, guestbook messages, friends and notifications are removed for good.', { id: 'account.deleteWarning' })}</p>
        <label for="delete-handle">${msg('Type your handle to confirm', { id: 'account.typeHandle' })} (${me.handle})</label>
        <input id="delete-handle" name="handle" autocomplete="off" .value=${this.confirmHandle} @input=${(e: InputEvent) => (this.confirmHandle = (e.target as HTMLInputElement).value)} />
        <label for="delete-password">${msg('Password', { id: 'account.password' })}</label>
        <input id="delete-password" name="password" type="password" autocomplete="current-password" required />
        ${errorNotice(this.deleteError)}
        <div><button class="danger" type="submit" ?disabled=${this.busy || this.confirmHandle.trim().replace(/^@/, '') !== me.handle}>${msg('Delete my account', { id: 'account.deleteMine' })}</button></div>
      </form>`;
  }

  private async changePassword(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.passwordError = '';
    try {
      await session.renew(() =>
        api.call('POST /auth/password', { body: { current: formText(data, 'current'), next: formText(data, 'next') } }),
      );
      form.reset();
      toasts.show(msg('Password changed. Other devices are signed out.', { id: 'account.passwordChanged' }), { tone: 'success' });
    } catch (err) {
      this.passwordError = wrongPassword(err) ?? errorText(err);
    } finally {
      this.busy = false;
    }
  }

  private async deleteAccount(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.busy = true;
    this.deleteError = '';
    session.leaving = true;
    try {
      await api.call('DELETE /me', { body: { password: formText(data, 'password') } });
      router.go('/');
      session.signOut();
      toasts.show(msg('Your account has been deleted.', { id: 'account.deleted' }), { tone: 'info' });
    } catch (err) {
      session.leaving = false;
      this.deleteError = wrongPassword(err) ?? errorText(err);
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-account-security': KjAccountSecurity;
  }
}
