import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../services/api.js';
import { realtime } from '../services/realtime.js';
import { shared } from '../styles/shared.js';

/** Friends' handles, fetched once per page and again when a friendship changes. */
let friendHandles: Promise<Set<string>> | null = null;
realtime.on('friend:change', () => (friendHandles = null));
function friendsNow(): Promise<Set<string>> {
  friendHandles ??= api.call('GET /friends').then(
    ({ friends }) => new Set(friends.map((f) => f.handle)),
    () => ((friendHandles = null), new Set<string>()),
  );
  return friendHandles;
}

/** "Message" (发消息): opens the chat with a friend; shows nothing for someone who is not one. */
@localized()
@customElement('kj-message-button')
export class KjMessageButton extends LitElement {
  static override styles = [shared, css`:host { display: inline-block; }`];

  @property() handle = '';
  @property() name = '';
  /** Shown without asking (the friends list knows). */
  @property({ type: Boolean }) friend = false;
  @state() private isFriend = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.friend) void friendsNow().then((set) => (this.isFriend = set.has(this.handle)));
  }

  override render() {
    if (!this.friend && !this.isFriend) return null;
    const label = this.name ? msg(str`Message ${this.name}`, { id: 'chat.messageName' }) : msg('Message', { id: 'chat.message' });
    return html`<a class="button" href=${`/chat/${this.handle}`} aria-label=${label}>${msg('Message', { id: 'chat.message' })}</a>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-message-button': KjMessageButton;
  }
}
