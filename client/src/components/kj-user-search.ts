import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { UserDto } from '../../../shared/dto.js';
import { api, isAbort } from '../services/api.js';
import { router } from '../services/router.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';
import './kj-friend-button.js';

/**
 * The header's people search: a combobox that asks `GET /api/users?q=` as one types (debounced,
 * the previous request cancelled), lists matches by handle or display name, and opens a space.
 * Arrow keys move through the list, Enter opens, Escape closes.
 */
@localized()
@customElement('kj-user-search')
export class KjUserSearch extends LitElement {
  static override styles = [
    shared,
    css`
      :host { position: relative; display: block; }
      input {
        width: 11rem; padding: 6px 10px; border-radius: 999px; border: 0;
        font: inherit; color: #222; background: rgb(255 255 255 / 0.92);
      }
      input:focus-visible { outline: 3px solid #fff; }
      ul {
        position: absolute; right: 0; top: calc(100% + 6px); z-index: 40; min-width: 16rem; margin: 0; padding: 4px;
        list-style: none; background: #fff; color: #222; border-radius: 10px; box-shadow: 0 8px 24px rgb(0 0 0 / 0.2);
      }
      li[role='option'] { display: flex; align-items: center; gap: 4px; padding-right: 6px; border-radius: 8px; }
      li a { flex: 1; min-width: 0; display: flex; align-items: center; gap: 8px; padding: 6px 8px; border-radius: 8px; color: inherit; }
      li a:hover, li[aria-selected='true'] a { background: #fff0e0; text-decoration: none; }
      .handle { color: #666; font-size: 0.85em; }
      .empty { padding: 8px; color: #666; }
      @media (max-width: 720px) { input { width: 8rem; } }
    `,
  ];

  @state() private query = '';
  @state() private results: UserDto[] = [];
  @state() private open = false;
  @state() private active = -1;
  @state() private searched = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | undefined;

  override render() {
    const listId = 'kj-user-search-results';
    return html`
      <input
        type="search"
        role="combobox"
        aria-label=${msg('Search people', { id: 'search.label' })}
        placeholder=${msg('Find people', { id: 'search.placeholder' })}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${listId}
        aria-autocomplete="list"
        aria-activedescendant=${this.active >= 0 ? `kj-user-${this.active}` : ''}
        maxlength="40"
        .value=${this.query}
        @input=${this.onInput}
        @keydown=${this.onKey}
        @blur=${() => setTimeout(() => (this.open = false), 150)}
      />
      ${
        this.open
          ? html`<ul id=${listId} role="listbox" aria-label=${msg('People found', { id: 'search.results' })} @mousedown=${(e: Event) => e.preventDefault()}>
            ${
              this.results.length === 0 && this.searched
                ? html`<li class="empty" role="option" aria-selected="false" aria-disabled="true">${msg(str`No one found for "${this.query}"`, { id: 'search.none' })}</li>`
                : this.results.map(
                    (u, i) => html`<li id=${`kj-user-${i}`} role="option" aria-selected=${i === this.active ? 'true' : 'false'}>
                    <a href=${`/space/${u.handle}`} @click=${() => this.close()}>
                      <kj-avatar .user=${u} size="28"></kj-avatar>
                      <span>${u.displayName} <span class="handle">@${u.handle}</span></span>
                    </a>
                    <kj-friend-button compact .user=${u}></kj-friend-button>
                  </li>`,
                  )
            }
          </ul>`
          : null
      }
    `;
  }

  private onInput(e: Event): void {
    this.query = (e.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    const q = this.query.trim();
    if (!q) {
      this.close();
      return;
    }
    this.timer = setTimeout(() => void this.search(q), 200);
  }

  private async search(q: string): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    try {
      const { users } = await api.call('GET /users', { query: { q, limit: 8 }, signal: abort.signal });
      if (abort.signal.aborted) return;
      this.results = users;
      this.searched = true;
      this.active = users.length ? 0 : -1;
      this.open = true;
    } catch (err) {
      if (!isAbort(err)) {
        this.results = [];
        this.searched = true;
        this.open = true;
      }
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      this.close();
      return;
    }
    if (!this.open || this.results.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.results.length) % this.results.length;
    } else if (e.key === 'Enter' && this.active >= 0) {
      e.preventDefault();
      const user = this.results[this.active];
      if (!user) return;
      this.close();
      router.go(`/space/${user.handle}`);
    }
  }

  private close(): void {
    this.open = false;
    this.active = -1;
    this.searched = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-user-search': KjUserSearch;
  }
}
