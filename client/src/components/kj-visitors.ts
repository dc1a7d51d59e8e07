import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { VisitorDto } from '../../../shared/dto.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { LiveEvents } from '../controllers/live-events.js';
import { timeAgo } from '../format.js';
import { api } from '../services/api.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';
import './kj-friend-button.js';

/** Recent visitors, for the owner's eyes only; new visits appear live. */
@localized()
@customElement('kj-visitors')
export class KjVisitors extends LitElement {
  static override styles = [
    shared,
    css`
      ul { display: grid; grid-template-columns: repeat(auto-fill, minmax(84px, 1fr)); gap: 8px; }
      li { text-align: center; font-size: 0.8rem; overflow: hidden; }
      li a { display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    `,
  ];

  @property() handle = '';
  @state() private visitors: VisitorDto[] = [];
  @state() private error = '';
  private readonly loads = new FetchScope(this, { read: () => this.load(), key: () => this.handle });

  constructor() {
    super();
    new LiveEvents(this).on('space:visitor', ({ visitor, at }) => {
      this.visitors = [{ user: visitor, at }, ...this.visitors.filter((v) => v.user.id !== visitor.id)];
    });
  }

  override render() {
    return html`<section class="card" aria-labelledby="visitors-title">
      <h2 id="visitors-title">${msg('Recent visitors', { id: 'space.visitors' })}</h2>
      ${this.error ? html`<p class="muted">${this.error}</p>` : null}
      <ul class="plain">
        ${this.visitors.slice(0, 12).map(
          (v) => html`<li><a href=${`/space/${v.user.handle}`} title=${v.user.displayName}>
            <kj-avatar .user=${v.user} size="40"></kj-avatar><br />${v.user.displayName}</a>
            <span class="muted">${timeAgo(v.at)}</span>
            <kj-friend-button compact .user=${v.user}></kj-friend-button></li>`,
        )}
      </ul>
      ${this.visitors.length === 0 && !this.error ? html`<p class="muted">${msg('No visitors yet.', { id: 'visitors.none' })}</p>` : null}
    </section>`;
  }

  private async load(): Promise<void> {
    await this.loads.load(
      async (signal) => {
        this.visitors = (await api.call('GET /spaces/:handle/visitors', { params: { handle: this.handle }, signal })).visitors;
      },
      (message) => (this.error = message),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-visitors': KjVisitors;
  }
}
