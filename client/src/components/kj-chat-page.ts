import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { messagePreview, messageTime } from '../chat-format.js';
import { SessionController } from '../controllers/session-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { formatNumber } from '../i18n/format.js';
import { chat } from '../services/chat.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';
import './kj-conversation.js';

/** Chat (私信): the conversation list, most recent first, and the open conversation beside it (alone at 390 px). */
@localized()
@customElement('kj-chat-page')
export class KjChatPage extends LitElement {
  static override styles = [
    shared,
    css`
      .layout { display: grid; grid-template-columns: 300px 1fr; gap: 12px; align-items: start; }
      .list { padding: 8px; }
      .list h1 { padding: 6px 8px; margin: 0; }
      ul { list-style: none; margin: 0; padding: 0; }
      li a {
        display: grid; grid-template-columns: 40px 1fr auto; gap: 4px 10px; align-items: center;
        padding: 8px; border-radius: 10px; color: var(--kj-text);
      }
      li a:hover { background: var(--kj-accent-soft); text-decoration: none; }
      li a[aria-current='page'] { background: var(--kj-accent-soft); }
      .name { font-weight: 700; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .preview { grid-column: 2; color: var(--kj-muted); font-size: 0.9rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .side { grid-column: 3; grid-row: 1 / span 2; display: grid; justify-items: end; gap: 4px; font-size: 0.8rem; color: var(--kj-muted); }
      .badge { background: #c92a2a; color: #fff; border-radius: 999px; padding: 0 7px; font-weight: 700; min-width: 20px; text-align: center; }
      kj-avatar { grid-row: 1 / span 2; }
      .empty { color: var(--kj-muted); padding: 12px 8px; }
      @media (max-width: 720px) {
        .layout { grid-template-columns: 1fr; }
        .layout.open .list { display: none; }
      }
    `,
  ];

  /** The friend whose conversation is open; empty: the list alone. */
  @property() handle = '';
  private readonly session = new SessionController(this);
  private readonly store = new StoreController(this, chat);

  override render() {
    const me = this.session.me;
    const conversations = this.store.store.conversations;
    return html`<div class="layout ${this.handle ? 'open' : ''}">
      <section class="card list" aria-labelledby="chats">
        <h1 id="chats">${msg('Messages', { id: 'chat.title' })}</h1>
        ${
          conversations.length === 0
            ? html`<p class="empty">${msg('No conversations yet. Open a friend’s space and choose “Message”.', { id: 'chat.empty' })}</p>`
            : html`<ul>
              ${conversations.map((c) => {
                const unread = c.unread
                  ? html`<span class="badge" aria-label=${msg(str`${formatNumber(c.unread)} unread`, { id: 'chat.unreadLabel' })}>${formatNumber(c.unread)}</span>`
                  : null;
                return html`<li>
                  <a href=${`/chat/${c.peer.handle}`} aria-current=${c.peer.handle === this.handle ? 'page' : 'false'}>
                    <kj-avatar .user=${c.peer} size="40"></kj-avatar>
                    <span class="name">${c.peer.displayName}</span>
                    <span class="preview">${c.last ? messagePreview(c.last, c.last.from.id === me?.id) : ''}</span>
                    <span class="side">${c.last ? html`<time datetime=${c.last.sentAt}>${messageTime(c.last.sentAt)}</time>` : null}${unread}</span>
                  </a>
                </li>`;
              })}
            </ul>`
        }
      </section>
      ${this.handle ? html`<kj-conversation .handle=${this.handle}></kj-conversation>` : null}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-chat-page': KjChatPage;
  }
}
