import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { limits } from '../../../shared/limits.js';
import { ActionStatus } from '../controllers/action-status.js';
import { api } from '../services/api.js';
import { shared } from '../styles/shared.js';

/**
 * Special care (特别关心, v1.2) for one friend: a star that marks them; their new posts then give a
 * `care` notification (and a desktop one, per the alert settings). `cared` comes from the friend list.
 * @fires care-change - `{ handle, cared }` once the hub agreed.
 */
@localized()
@customElement('kj-care-button')
export class KjCareButton extends LitElement {
  static override styles = [shared, css`button { min-width: 44px; } .on { color: var(--kj-accent); }`];

  @property() handle = '';
  @property() name = '';
  @property({ type: Boolean }) cared = false;
  private readonly action = new ActionStatus(this);

  override render() {
    const label = this.cared
      ? msg(str`Stop special care for ${this.name}`, { id: 'circles.uncareName' })
      : msg(str`Special care for ${this.name}`, { id: 'circles.careName' });
    return html`<button class="ghost ${this.cared ? 'on' : ''}" aria-pressed=${this.cared ? 'true' : 'false'} aria-label=${label} title=${label}
        ?disabled=${this.action.busy} @click=${this.toggle}>${this.cared ? '★' : '☆'}</button>
      ${this.action.error ? html`<span class="muted" role="status">${this.action.error}</span>` : null}`;
  }

  private async toggle(): Promise<void> {
    const next = !this.cared;
    await this.action.run(
      async () => {
        await api.call(next ? 'PUT /friends/:handle/care' : 'DELETE /friends/:handle/care', { params: { handle: this.handle } });
        this.cared = next;
        this.dispatchEvent(new CustomEvent('care-change', { detail: { handle: this.handle, cared: next }, bubbles: true, composed: true }));
      },
      { conflict: msg(str`At most ${limits.caredFriends} friends can have special care.`, { id: 'circles.careLimit' }) },
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-care-button': KjCareButton;
  }
}
