import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { UserDto } from '../../../shared/dto.js';
import { ActionStatus } from '../controllers/action-status.js';
import { StoreController } from '../controllers/store-controller.js';
import { errorText } from '../services/api.js';
import { blocks } from '../services/blocks.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';
import { errorNotice } from '../error-notice.js';

/** Settings → Blocked people: whom you block, newest first, each with Unblock. */
@localized()
@customElement('kj-blocked-list')
export class KjBlockedList extends LitElement {
  static override styles = [
    shared,
    css`
      li { display: flex; align-items: center; gap: 10px; padding: 6px 0; }
      li .name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    `,
  ];

  private readonly action = new ActionStatus(this);
  private readonly blocks = new StoreController(this, blocks);

  override connectedCallback(): void {
    super.connectedCallback();
    blocks.load(true).catch((err: unknown) => this.action.fail(errorText(err)));
  }

  override render() {
    const { users, loaded } = this.blocks.store;
    return html`${errorNotice(this.action.error)}
      ${loaded && users.length === 0 ? html`<p class="muted">${msg('You have not blocked anyone.', { id: 'blocking.none' })}</p>` : null}
      <ul class="plain" aria-label=${msg('Blocked people', { id: 'blocking.title' })}>
        ${users.map(
          (u) => html`<li data-blocked=${u.handle}>
            <kj-avatar .user=${u} size="32"></kj-avatar>
            <span class="name">${u.displayName} <span class="muted">@${u.handle}</span></span>
            <button @click=${() => this.unblock(u)} aria-label=${msg(str`Unblock ${u.displayName}`, { id: 'blocking.unblockName' })}>${msg('Unblock', { id: 'blocking.unblock' })}</button>
          </li>`,
        )}
      </ul>`;
  }

  private async unblock(user: UserDto): Promise<void> {
    await this.action.run(() => blocks.unblock(user));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-blocked-list': KjBlockedList;
  }
}
