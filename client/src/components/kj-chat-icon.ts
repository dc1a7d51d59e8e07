import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { StoreController } from '../controllers/store-controller.js';
import { chat } from '../services/chat.js';
import { formatNumber } from '../i18n/format.js';
import { shared } from '../styles/shared.js';
import { headerIconStyles, unreadBadge } from './header-icon.js';

/** The header's chat icon with the unread message total (every conversation), kept live. */
@localized()
@customElement('kj-chat-icon')
export class KjChatIcon extends LitElement {
  static override styles = [shared, headerIconStyles];

  private readonly store = new StoreController(this, chat);

  override render() {
    const unread = this.store.store.unread;
    const label = unread
      ? msg(str`Messages, ${formatNumber(unread)} unread`, { id: 'chat.iconUnread' })
      : msg('Messages', { id: 'chat.title' });
    return html`<a href="/chat" aria-label=${label} title=${label}>
      <svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
        <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2Zm3 6a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 7 10Zm5 0a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 12 10Zm5 0a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 17 10Z" />
      </svg>
      ${unreadBadge(unread, 'chat-unread')}
    </a>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-chat-icon': KjChatIcon;
  }
}
