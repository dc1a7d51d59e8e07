import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { StoreController } from '../controllers/store-controller.js';
import { notifications } from '../services/notifications.js';
import { formatNumber } from '../i18n/format.js';
import { shared } from '../styles/shared.js';
import { headerIconStyles, unreadBadge } from './header-icon.js';

/** The notification bell with its unread count, the same in every tab and device. */
@localized()
@customElement('kj-bell')
export class KjBell extends LitElement {
  static override styles = [shared, headerIconStyles];

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
      ${unreadBadge(unread, 'unread')}
    </a>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-bell': KjBell;
  }
}
