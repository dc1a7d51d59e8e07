import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { UserDto } from '../../../shared/dto.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { ModalDialog } from '../controllers/modal-dialog.js';
import { icon } from '../icons.js';
import { api } from '../services/api.js';
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
  private readonly dialog = new ModalDialog(this, 'share-title');
  private readonly loads = new FetchScope(this);

  override render() {
    return html`<button class="open" aria-haspopup="dialog" @click=${() => this.openDialog()}>
        ${icon('comment')} ${msg('Share to chat', { id: 'share.button' })}
      </button>
      ${this.dialog.render(msg('Send to a friend', { id: 'share.title' }), () => this.picker())}`;
  }

  private picker() {
    return html`${this.dialog.choicesStatus(this.friends, msg('You have no friends to send it to yet.', { id: 'share.noFriends' }))}
      <ul class="plain" aria-label=${msg('Friends', { id: 'share.friends' })}>
        ${(this.friends ?? []).map(
          (f) => html`<li>
            <button ?disabled=${this.dialog.action.busy} @click=${() => this.send(f)}><kj-avatar .user=${f} size="28"></kj-avatar>${f.displayName}</button>
          </li>`,
        )}
      </ul>
      ${this.dialog.pickerEnd()}`;
  }

  private async openDialog(): Promise<void> {
    await this.dialog.open();
    await this.loads.load(
      async (signal) => {
        this.friends = (await api.call('GET /friends', { signal })).friends;
      },
      (message) => this.dialog.action.fail(message),
    );
  }

  private async send(friend: UserDto): Promise<void> {
    await this.dialog.action.run(async () => {
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
