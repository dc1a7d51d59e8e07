import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { FriendRequestDto } from '../../../shared/dto.js';
import { ActionStatus } from '../controllers/action-status.js';
import { api } from '../services/api.js';
import { shared } from '../styles/shared.js';

/**
 * Accept / Decline for one incoming friend request, right in the notification that announced it.
 * `request` is the pending request (null once answered elsewhere: then it says how it ended).
 * @fires request-answered - detail `{ requestId, verb }`, after the hub took the answer
 */
@localized()
@customElement('kj-request-answer')
export class KjRequestAnswer extends LitElement {
  static override styles = [shared, css`:host { display: inline-flex; gap: 6px; align-items: center; flex-wrap: wrap; }`];

  @property({ attribute: false }) request: FriendRequestDto | null = null;
  /** What became of a request no longer pending, as far as this tab knows. */
  @property() outcome: 'accepted' | 'declined' | '' = '';
  private readonly action = new ActionStatus(this);

  override render() {
    if (this.outcome === 'accepted')
      return html`<span class="muted" role="status">${msg('You are friends now', { id: 'friendReq.accepted' })}</span>`;
    if (this.outcome === 'declined') return html`<span class="muted" role="status">${msg('Declined', { id: 'friendReq.declined' })}</span>`;
    const r = this.request;
    if (!r) return null;
    return html`
      <button class="primary" ?disabled=${this.action.busy} @click=${() => this.answer(r, 'accept')}
        aria-label=${msg(str`Accept ${r.from.displayName}`, { id: 'friendReq.acceptLabel' })}>${msg('Accept', { id: 'friendReq.accept' })}</button>
      <button ?disabled=${this.action.busy} @click=${() => this.answer(r, 'decline')}
        aria-label=${msg(str`Decline ${r.from.displayName}`, { id: 'friendReq.declineLabel' })}>${msg('Decline', { id: 'friendReq.decline' })}</button>
      ${this.action.error ? html`<span class="error" role="alert">${this.action.error}</span>` : null}
    `;
  }

  private async answer(r: FriendRequestDto, verb: 'accept' | 'decline'): Promise<void> {
    await this.action.run(async () => {
      await api.call(`POST /friends/requests/:id/${verb}`, { params: { id: r.id } });
      this.outcome = verb === 'accept' ? 'accepted' : 'declined';
      this.dispatchEvent(new CustomEvent('request-answered', { detail: { requestId: r.id, verb }, bubbles: true, composed: true }));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-request-answer': KjRequestAnswer;
  }
}
