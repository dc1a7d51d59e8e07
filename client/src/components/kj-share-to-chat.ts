import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { UserDto } from '../../../shared/dto.js';
import { ActionStatus } from '../controllers/action-status.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { ModalDialog } from '../controllers/modal-dialog.js';
import { icon } from '../icons.js';
import { api, errorText, isAbort } from '../services/api.js';
import { chat } from '../services/chat.js';
import { router } from '../services/router.js';
import { toasts } from '../services/toasts.js';
import { shared } from '../styles/shared.js';
import { cardDialogStyles } from '../styles/card-dialog.js';
import './kj-avatar.js';

/**
 * "Share to chat" (分享给好友) on a post card: a dialog lists my friends; picking one sends them the
 * post as a chat message (they see it as they may see it: a post they may not see shows as not visible).
 */
@localized()
@customElement('kj-share-to-chat')
export class KjShareToChat extends LitElement {
  static override styles = [
    shared,
    cardDialogStyles,
    css`
      dialog { width: min(400px, 92vw); }
      ul { max-height: 50vh; overflow-y: auto; }
      li button { width: 100%; border-color: transparent; justify-content: flex-start; gap: 10px; min-height: 44px; }
      .row { justify-content: flex-end; margin-top: 10px; }
    `,
  ];

  @property() postId = '';
  @state() private friends: UserDto[] | null = null;
  private readonly action = new ActionStatus(this);
  private readonly dialog = new ModalDialog(this, 'share-title', this.action);
  private readonly loads = new FetchScope(this);

  override render() {
    return html`<button class="open" aria-haspopup="dialog" @click=${() => this.openDialog()}>
        ${icon('comment')} ${msg('Share to chat', { id: 'share.button' })}
      </button>
      ${this.dialog.render(msg('Send to a friend', { id: 'share.title' }), () => this.picker())}`;
  }

  private picker() {
    const list = this.friends;
    return html`${list === null ? html`<p class="muted">${msg('Loading…', { id: 'share.loading' })}</p>` : null}
      ${list?.length === 0 ? html`<p class="muted">${msg('You have no friends to send it to yet.', { id: 'share.noFriends' })}</p>` : null}
      <ul class="plain" aria-label=${msg('Friends', { id: 'share.friends' })}>
        ${(list ?? []).map(
          (f) => html`<li>
            <button ?disabled=${this.action.busy} @click=${() => this.send(f)}><kj-avatar .user=${f} size="28"></kj-avatar>${f.displayName}</button>
          </li>`,
        )}
      </ul>
      ${this.dialog.errorLine()}
      <div class="row">${this.dialog.cancelButton()}</div>`;
  }

  private async openDialog(): Promise<void> {
    await this.dialog.open();
    try {
      this.friends = (await api.call('GET /friends', { signal: this.loads.next() })).friends;
    } catch (err) {
      if (!isAbort(err)) this.action.fail(errorText(err));
    }
  }

  private async send(friend: UserDto): Promise<void> {
    await this.action.run(async () => {
      await chat.send(friend.handle, { postId: this.postId });
      this.dialog.close();
      toasts.show(msg(str`Sent to ${friend.displayName}.`, { id: 'share.sent' }), {
        tone: 'success',
        actions: [{ label: msg('Open the chat', { id: 'share.openChat' }), run: () => router.go(`/chat/${friend.handle}`) }],
      });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-share-to-chat': KjShareToChat;
  }
}
