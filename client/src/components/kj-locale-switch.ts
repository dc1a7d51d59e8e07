import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { allLocales, currentLocale, isLocale, localeNames, useLocale } from '../i18n/locale.js';
import { api } from '../services/api.js';
import { session } from '../services/session.js';
import { shared } from '../styles/shared.js';

/**
 * The language picker: a labelled select listing each language in itself. The choice is kept in
 * localStorage["kongjian.locale"], so it outlives a reload and wins over the browser's languages;
 * a signed-in person's choice is also told to the hub (`PATCH /api/me { locale }`).
 */
@localized()
@customElement('kj-locale-switch')
export class KjLocaleSwitch extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      select { width: auto; min-width: 10em; }
    `,
  ];

  override render() {
    const locale = currentLocale();
    return html`<label for="locale">${msg('Language', { id: 'settings.language' })}</label>
      <select id="locale" data-testid="locale-switch" @change=${this.change}>
        ${allLocales.map((l) => html`<option value=${l} lang=${l} ?selected=${l === locale}>${localeNames[l]}</option>`)}
      </select>`;
  }

  private async change(e: Event): Promise<void> {
    const value = (e.target as HTMLSelectElement).value;
    if (!isLocale(value)) return;
    await useLocale(value, { remember: true });
    // The hub learns the person's language: their space's untouched default title follows it.
    if (session.status === 'signed-in' && session.me?.locale !== value) {
      try {
        session.updateMe((await api.call('PATCH /me', { body: { locale: value } })).user);
      } catch {
        // the language shown here changed anyway; the title catches up with the next switch
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-locale-switch': KjLocaleSwitch;
  }
}
