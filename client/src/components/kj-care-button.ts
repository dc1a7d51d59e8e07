import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { limits } from '../../../shared/limits.js';
import { ApiError, api, errorText } from '../services/api.js';
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
  @state() private busy = false;
  @state() private message = '';

  override render() {
    const label = this.cared
      ? msg(str`Stop special care for ${this.name}`, { id: 'circles.uncareName' })
      : msg(str`Special care for ${this.name}`, { id: 'circles.careName' });
    return html`<button class="ghost ${this.cared ? 'on' : ''}" aria-pressed=${this.cared ? 'true' : 'false'} aria-label=${label} title=${label}
        ?disabled=${this.busy} @click=${this.toggle}>${this.cared ? '★' : '☆'}</button>
      ${this.message ? html`<span class="muted" role="status">${this.message}</span>` : null}`;
  }

  private async toggle(): Promise<void> {
    this.busy = true;
    this.message = '';
    const next = !this.cared;
    try {
      await api.call(next ? 'PUT /friends/:handle/care' : 'DELETE /friends/:handle/care', { params: { handle: this.handle } });
      this.cared = next;
      this.dispatchEvent(new CustomEvent('care-change', { detail: { handle: this.handle, cared: next }, bubbles: true, composed: true }));
    } catch (err) {
      this.message =
        err instanceof ApiError && err.code === 'conflict'
          ? msg(str`At most ${limits.caredFriends} friends can have special care.`, { id: 'circles.careLimit' })
          : errorText(err);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-care-button': KjCareButton;
  }
}
