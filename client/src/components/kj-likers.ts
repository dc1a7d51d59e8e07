import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { UserDto } from '../../../shared/dto.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { formatList, formatNumber } from '../i18n/format.js';
import { api } from '../services/api.js';
import { shared } from '../styles/shared.js';
import { StatusLine } from '../controllers/status-line.js';

/** Names shown in the one-line summary before "and N others". */
const namesShown = 3;

/**
 * Who liked a post (v1.2), under it: "张三、李四等 5 人觉得很赞", expandable into the full list, a page at
 * a time. `likes` is the post's live count: when it moves (`post:likes`), the list is read again.
 */
@localized()
@customElement('kj-likers')
export class KjLikers extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; font-size: 0.88rem; margin-top: 6px; }
      .summary { background: none; border: 0; padding: 0; min-height: 0; color: var(--kj-muted); text-align: start; cursor: pointer; }
      .summary:hover { text-decoration: underline; }
      ul { margin: 6px 0 0; }
      li { display: inline-block; margin: 0 10px 4px 0; }
    `,
  ];

  @property({ attribute: 'post-id' }) postId = '';
  @property({ type: Number }) likes = 0;
  @state() private users: UserDto[] = [];
  @state() private next: string | null = null;
  @state() private open = false;
  private readonly status = new StatusLine(this);
  private readonly loads = new FetchScope(this);

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('postId') || changed.has('likes')) void this.load();
  }

  override render() {
    if (this.likes < 1 || !this.users.length) return this.status.render('muted');
    const names = formatList(this.users.slice(0, namesShown).map((u) => u.displayName));
    const count = formatNumber(this.likes);
    const line =
      this.likes > namesShown
        ? msg(str`${names} and others, ${count} people, liked this`, { id: 'likers.summaryMany' })
        : msg(str`${names} liked this`, { id: 'likers.summary' });
    return html`<button class="summary" aria-expanded=${this.open ? 'true' : 'false'} @click=${() => (this.open = !this.open)}>♥ ${line}</button>
      ${
        this.open
          ? html`<ul class="plain" aria-label=${msg('People who liked this', { id: 'likers.list' })}>
              ${this.users.map((u) => html`<li><a href=${`/space/${u.handle}`}>${u.displayName}</a></li>`)}
            </ul>
            ${this.next ? html`<button class="ghost" @click=${this.more}>${msg('More', { id: 'likers.more' })}</button>` : null}`
          : null
      }
      ${this.status.render('muted')}`;
  }

  private async load(): Promise<void> {
    if (!this.postId || this.likes < 1) {
      this.users = [];
      this.next = null;
      return;
    }
    await this.loads.load(
      async (signal) => {
        const page = await api.call('GET /posts/:id/likes', { params: { id: this.postId }, query: {}, signal });
        this.users = page.users;
        this.next = page.next;
        this.status.show('');
      },
      (message) => this.status.show(message),
    );
  }

  private async more(): Promise<void> {
    const cursor = this.next;
    if (!cursor) return;
    await this.loads.load(
      async (signal) => {
        const page = await api.call('GET /posts/:id/likes', { params: { id: this.postId }, query: { cursor }, signal });
        const seen = new Set(this.users.map((u) => u.id));
        this.users = [...this.users, ...page.users.filter((u) => !seen.has(u.id))];
        this.next = page.next;
      },
      (message) => this.status.show(message),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-likers': KjLikers;
  }
}
