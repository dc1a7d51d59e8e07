import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatNumber, plural } from '../i18n/format.js';
import { icon } from '../icons.js';
import { LiveEvents } from '../controllers/live-events.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { ActionStatus } from '../controllers/action-status.js';
import { api } from '../services/api.js';
import { shared } from '../styles/shared.js';

interface FanState {
  readonly fans: number;
  readonly fan: boolean;
}

/**
 * "I like" (become a fan of) a certified space, with its fan count; the owner sees the count only.
 * Fans get the space's public posts in their feed. The count follows the hub live (`space:fans`).
 */
@localized()
@customElement('kj-fan-button')
export class KjFanButton extends LitElement {
  static override styles = [
    shared,
    css`:host { display: inline-flex; align-items: center; gap: 8px; } .on { color: #e03131; font-weight: 700; }`,
  ];

  @property() handle = '';
  /** The space owner's id, to know which live counts are this space's. */
  @property() ownerId = '';
  @property({ type: Boolean }) isOwner = false;
  @state() private state: FanState | null = null;
  private readonly action = new ActionStatus(this);
  // catchUp: counts changed while offline.
  private readonly loads = new FetchScope(this, { read: () => this.load(), key: () => this.handle, catchUp: true });

  constructor() {
    super();
    new LiveEvents(this).on('space:fans', ({ ownerId, fans }) => {
      if (ownerId === this.ownerId && this.state) this.state = { ...this.state, fans };
    });
  }

  override render() {
    const s = this.state;
    if (!s) return null;
    const count = plural(s.fans, {
      one: () => msg('1 fan', { id: 'fans.one' }),
      other: () => msg(str`${formatNumber(s.fans)} fans`, { id: 'fans.many' }),
    });
    return html`${
      this.isOwner
        ? null
        : html`<button class=${s.fan ? 'on' : ''} aria-pressed=${s.fan ? 'true' : 'false'} ?disabled=${this.action.busy} @click=${this.toggle}>
            ${icon('heart')} ${s.fan ? msg('Liked', { id: 'fans.liked' }) : msg('I like', { id: 'fans.like' })}</button>`
    }
      <span class="muted" data-testid="fan-count">${count}</span>
      ${this.action.error ? html`<span class="error" role="alert">${this.action.error}</span>` : null}`;
  }

  private async load(): Promise<void> {
    await this.loads.load(
      async (signal) => {
        this.state = await api.call('GET /spaces/:handle/fan', { params: { handle: this.handle }, signal });
      },
      (message) => this.action.fail(message),
    );
  }

  private async toggle(): Promise<void> {
    await this.action.run(async () => {
      this.state = await api.call(this.state?.fan ? 'DELETE /spaces/:handle/fan' : 'PUT /spaces/:handle/fan', {
        params: { handle: this.handle },
      });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-fan-button': KjFanButton;
  }
}
