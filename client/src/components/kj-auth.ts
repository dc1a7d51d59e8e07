import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { FieldErrors } from '../../../shared/errors.js';
import { ApiError, api, errorText } from '../services/api.js';
import { session } from '../services/session.js';
import { fieldProblem } from '../i18n/errors.js';
import { currentLocale } from '../i18n/locale.js';
import { shared } from '../styles/shared.js';
import './kj-locale-switch.js';
import { errorNotice } from '../error-notice.js';
import { formText } from '../form-text.js';

type Mode = 'sign-in' | 'sign-up';

/** Sign in or create an account; on success the session holds the token and the app opens. */
@localized()
@customElement('kj-auth')
export class KjAuth extends LitElement {
  static override styles = [
    shared,
    css`
      :host { min-height: 100vh; display: grid; place-items: center; padding: 24px 12px; }
      .wrap { width: min(420px, 100%); }
      .hero { text-align: center; margin-bottom: 18px; }
      .hero h1 { margin: 0; font-size: 2.4rem; color: var(--kj-accent-strong); letter-spacing: 0.04em; }
      .hero p { margin: 4px 0 0; color: var(--kj-muted); }
      .tabs { display: flex; gap: 4px; margin-bottom: 14px; background: var(--kj-accent-soft); padding: 4px; border-radius: 999px; }
      .tabs button { flex: 1; justify-content: center; border: none; background: transparent; }
      .tabs button[aria-selected='true'] { background: #fff; box-shadow: var(--kj-shadow); font-weight: 700; }
      form button.primary { width: 100%; justify-content: center; margin-top: 4px; }
      .hint { font-size: 0.8rem; color: var(--kj-muted); margin-top: 2px; }
      kj-locale-switch { margin-top: 14px; text-align: center; }
    `,
  ];

  @state() private mode: Mode = 'sign-in';
  @state() private busy = false;
  @state() private error = '';
  @state() private fields: FieldErrors = {};

  override render() {
    const signUp = this.mode === 'sign-up';
    return html`<div class="wrap">
      <div class="hero">
        <h1>空间 Kongjian</h1>
        <p>${msg('Your own space. Your friends, live.', { id: 'auth.tagline' })}</p>
      </div>
      <div class="card">
        <div class="tabs" role="tablist" aria-label=${msg('Account', { id: 'auth.account' })}>
          ${(['sign-in', 'sign-up'] as const).map(
            (m) => html`<button role="tab" aria-selected=${this.mode === m ? 'true' : 'false'} @click=${() => this.switchTo(m)}>
              ${m === 'sign-in' ? msg('Sign in', { id: 'auth.signIn' }) : msg('Create account', { id: 'auth.createAccount' })}
            </button>`,
          )}
        </div>
        <form @submit=${this.submit} novalidate>
          ${this.input('handle', msg('Handle', { id: 'field.handle' }), 'text', 'username', signUp ? msg('3–32 of a–z, 0–9 and _', { id: 'auth.handleHint' }) : '')}
          ${signUp ? this.input('displayName', msg('Display name', { id: 'field.displayName' }), 'text', 'nickname', msg('How friends see you — Chinese welcome', { id: 'auth.displayNameHint' })) : null}
          ${this.input('password', msg('Password', { id: 'field.password' }), 'password', signUp ? 'new-password' : 'current-password', signUp ? msg('At least 8 characters', { id: 'auth.passwordHint' }) : '')}
          ${errorNotice(this.error)}
          <button class="primary" type="submit" ?disabled=${this.busy}>${signUp ? msg('Create my space', { id: 'auth.createMySpace' }) : msg('Sign in', { id: 'auth.signIn' })}</button>
        </form>
      </div>
      <kj-locale-switch></kj-locale-switch>
    </div>`;
  }

  private input(name: string, label: string, type: string, autocomplete: string, hint: string) {
    const error = this.fields[name];
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <input id=${name} name=${name} type=${type} autocomplete=${autocomplete} required
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${`${name}-hint`} />
      <div class="hint ${error ? 'error' : ''}" id=${`${name}-hint`}>${error ? fieldProblem(error) : hint}</div>
    </div>`;
  }

  private switchTo(mode: Mode): void {
    this.mode = mode;
    this.error = '';
    this.fields = {};
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const value = (k: string) => formText(data, k);
    this.busy = true;
    this.error = '';
    this.fields = {};
    try {
      const auth =
        this.mode === 'sign-up'
          ? await api.call('POST /auth/register', {
              body: {
                handle: value('handle').trim().toLowerCase(),
                password: value('password'),
                displayName: value('displayName'),
                // The space's default title is in the owner's language ("小明的空间").
                locale: currentLocale(),
              },
            })
          : await api.call('POST /auth/login', { body: { handle: value('handle').trim().toLowerCase(), password: value('password') } });
      session.signIn(auth);
    } catch (err) {
      if (err instanceof ApiError && err.fields) this.fields = err.fields;
      this.error =
        err instanceof ApiError && err.status === 401 ? msg('Wrong handle or password.', { id: 'auth.wrongPassword' }) : errorText(err);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-auth': KjAuth;
  }
}
