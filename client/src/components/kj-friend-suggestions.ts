import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { FriendSuggestionDto } from '../../../shared/dto.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { LiveEvents } from '../controllers/live-events.js';
import { api } from '../services/api.js';
import { plural } from '../i18n/format.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';
import './kj-friend-button.js';
import { errorNotice } from '../error-notice.js';

/** "People you may know": friends of friends by mutual count, each with Add friend. */
@localized()
@customElement('kj-friend-suggestions')
export class KjFriendSuggestions extends LitElement {
  static override styles = [
    shared,
    css`
      li { display: flex; align-items: center; gap: 10px; padding: 6px 0; }
      li .who { flex: 1; min-width: 0; }
      li .who a { display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      li .muted { font-size: 0.8rem; }
      li button { min-height: 0; padding: 2px 10px; font-size: 0.85rem; white-space: nowrap; }
    `,
  ];

  @state() private suggestions: FriendSuggestionDto[] = [];
  @state() private error = '';
  private readonly loads = new FetchScope(this, { read: () => this.load() });

  constructor() {
    super();
    // A friendship made or ended changes who is a friend of a friend.
    new LiveEvents(this).on('friend:change', () => void this.load()).on('user:gone', () => void this.load());
  }

  override render() {
    if (this.suggestions.length === 0 && !this.error) return null;
    return html`<section class="card" aria-labelledby="suggest-title">
      <h2 id="suggest-title">${msg('People you may know', { id: 'suggest.title' })}</h2>
      ${errorNotice(this.error)}
      <ul class="plain">
        ${this.suggestions.map(
          ({ user, mutualFriends }) => html`<li data-suggested=${user.handle}>
            <kj-avatar .user=${user} size="32"></kj-avatar>
            <span class="who">
              <a href=${`/space/${user.handle}`}>${user.displayName}</a>
              <span class="muted">${plural(mutualFriends, {
                one: () => msg('1 mutual friend', { id: 'suggest.mutualOne' }),
                other: () => msg(str`${mutualFriends} mutual friends`, { id: 'suggest.mutual' }),
              })}</span>
            </span>
            <kj-friend-button compact .user=${user}></kj-friend-button>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private async load(): Promise<void> {
    await this.loads.load(
      async (signal) => {
        const { suggestions } = await api.call('GET /friends/suggestions', { signal });
        this.suggestions = suggestions;
        this.error = '';
      },
      (message) => (this.error = message),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-friend-suggestions': KjFriendSuggestions;
  }
}
