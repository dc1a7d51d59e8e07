import { localized, msg, str } from '@lit/localize';
import { customElement } from 'lit/decorators.js';
import { notifications } from '../services/notifications.js';
import { formatNumber } from '../i18n/format.js';
import { UnreadIcon } from './header-icon.js';

/** The notification bell with its unread count, the same in every tab and device. */
@localized()
@customElement('kj-bell')
export class KjBell extends UnreadIcon {
  constructor() {
    super({
      href: '/notifications',
      store: notifications,
      path: 'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z',
      badgeTestId: 'unread',
      label: (unread) =>
        unread
          ? msg(str`Notifications, ${formatNumber(unread)} unread`, { id: 'notif.unread' })
          : msg('Notifications', { id: 'notif.title' }),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-bell': KjBell;
  }
}
