import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { StoreController } from '../controllers/store-controller.js';
import { notifications } from '../services/notifications.js';
import { formatNumber } from '../i18n/format.js';
import { shared } from '../styles/shared.js';

/** The notification bell with its unread count, the same in every tab and device. */
@localized()
@customElement('kj-bell')
export class KjBell extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: inline-block; }
      a { position: relative; display: grid; place-items: center; width: 38px; height: 38px; border-radius: 50%; color: #fff; }
      a:hover { background: rgb(255 255 255 / 0.2); }
      svg { width: 22px; height: 22px; }
      .count {
        position: absolute; top: -2px; right: -4px; min-width: 19px; height: 19px; padding: 0 5px;
        border-radius: 999px; background: #e03131; color: #fff; font-size: 0.72rem; font-weight: 700;
        display: grid; place-items: center; border: 2px solid #fff;
      }
    `,
  ];

  private readonly store = new StoreController(this, notifications);

  override render() {
    const unread = this.store.store.unread;
    const label = unread
      ? msg(str`Notifications, ${formatNumber(unread)} unread`, { id: 'notif.unread' })
      : msg('Notifications', { id: 'notif.title' });
    return html`<a href="/notifications" aria-label=${label} title=${label}>
      <svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      ${unread ? html`<span class="count" data-testid="unread">${unread > 99 ? '99+' : unread}</span>` : null}
    </a>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-bell': KjBell;
  }
}
