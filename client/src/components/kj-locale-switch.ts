import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { allLocales, currentLocale, isLocale, localeNames, useLocale } from '../i18n/locale.js';
import { shared } from '../styles/shared.js';

/**
 * The language picker: a labelled select listing each language in itself. The choice is kept in
 * localStorage["kongjian.locale"], so it outlives a reload and wins over the browser's languages.
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
    if (isLocale(value)) await useLocale(value, { remember: true });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-locale-switch': KjLocaleSwitch;
  }
}
