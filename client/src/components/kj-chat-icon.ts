import { localized, msg, str } from '@lit/localize';
import { customElement } from 'lit/decorators.js';
import { chat } from '../services/chat.js';
import { formatNumber } from '../i18n/format.js';
import { UnreadIcon } from './header-icon.js';

/** The header's chat icon with the unread message total (every conversation), kept live. */
@localized()
@customElement('kj-chat-icon')
export class KjChatIcon extends UnreadIcon {
  constructor() {
    super({
      href: '/chat',
      store: chat,
      path: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2Zm3 6a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 7 10Zm5 0a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 12 10Zm5 0a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 17 10Z',
      badgeTestId: 'chat-unread',
      label: (unread) =>
        unread ? msg(str`Messages, ${formatNumber(unread)} unread`, { id: 'chat.iconUnread' }) : msg('Messages', { id: 'chat.title' }),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-chat-icon': KjChatIcon;
  }
}
