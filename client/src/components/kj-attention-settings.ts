import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { StoreController } from '../controllers/store-controller.js';
import { attention, type AttentionSettings } from '../services/attention.js';
import { shared } from '../styles/shared.js';

/** The switches of "how new things reach me", kept in this browser. */
@localized()
@customElement('kj-attention-settings')
export class KjAttentionSettings extends LitElement {
  static override styles = [
    shared,
    css`
      label { display: flex; gap: 8px; align-items: center; padding: 4px 0; }
      .muted { color: var(--kj-muted); font-size: 0.85rem; margin: 4px 0 0; }
    `,
  ];

  private readonly store = new StoreController(this, attention);

  override render() {
    const s = this.store.store.settings;
    const desktop = attention.desktopState();
    const row = (key: keyof AttentionSettings, label: string) =>
      html`<label><input type="checkbox" name=${key} .checked=${s[key]} ?disabled=${key === 'desktop' && desktop === 'unsupported'}
        @change=${(e: Event) => void attention.set(key, (e.target as HTMLInputElement).checked)} />${label}</label>`;
    return html`
      ${row('toasts', msg('Show a pop-up for new notifications and messages', { id: 'attention.toasts' }))}
      ${row('desktop', msg('Desktop notifications while this tab is in the background', { id: 'attention.desktop' }))}
      ${desktop === 'denied' ? html`<p class="muted">${msg('The browser blocks notifications for this site; allow them in its site settings.', { id: 'attention.denied' })}</p>` : null}
      ${row('sound', msg('Play a short sound', { id: 'attention.sound' }))}
      ${row('title', msg('Show the unread count in the tab title', { id: 'attention.title' }))}
      <p class="muted">${msg('Kept in this browser only.', { id: 'attention.local' })}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-attention-settings': KjAttentionSettings;
  }
}
