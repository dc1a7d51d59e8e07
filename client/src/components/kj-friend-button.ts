import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { UserDto } from '../../../shared/dto.js';
import { FriendRelationController } from '../controllers/friend-relation.js';
import { ActionStatus } from '../controllers/action-status.js';
import { shared } from '../styles/shared.js';

/**
 * 加好友 wherever a person is shown: "Add friend", or where the request stands — sent, received (accept
 * it here), or already friends. Nothing for oneself. Follows the hub live (a request accepted elsewhere
 * turns it into "Friends" without a reload).
 * @csspart button - the add / accept button
 */
@localized()
@customElement('kj-friend-button')
export class KjFriendButton extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: inline-flex; align-items: center; gap: 6px; }
      :host([compact]) button { min-height: 0; padding: 2px 10px; font-size: 0.85rem; }
      .state { font-size: 0.85rem; white-space: nowrap; }
      button { white-space: nowrap; }
    `,
  ];

  @property({ attribute: false }) user: Pick<UserDto, 'id' | 'handle' | 'displayName'> | null = null;
  /** Smaller, for lists. */
  @property({ type: Boolean, reflect: true }) compact = false;
  /** Says nothing for a friend (beside every comment, "Friends" would be noise). */
  @property({ type: Boolean, attribute: 'hide-friends' }) hideFriends = false;
  private readonly action = new ActionStatus(this);
  private readonly relation = new FriendRelationController(this);

  override render() {
    const user = this.user;
    if (!user) return null;
    const error = this.action.error ? html`<span class="error" role="alert">${this.action.error}</span>` : null;
    switch (this.relation.of(user)) {
      case 'friends':
        return this.hideFriends
          ? null
          : html`<span class="state muted" data-relation="friends">✓ ${msg('Friends', { id: 'friendButton.friends' })}</span>`;
      case 'sent':
        return html`<span class="state muted" role="status" data-relation="sent">${msg('Request sent', { id: 'suggest.sent' })}</span>`;
      case 'received':
        return html`<button part="button" class="primary" data-relation="received" ?disabled=${this.action.busy} @click=${this.accept}
            aria-label=${msg(str`Accept ${user.displayName}`, { id: 'friendReq.acceptLabel' })}>
            ${msg('Accept friend request', { id: 'friendButton.accept' })}</button>${error}`;
      case 'none':
        return html`<button part="button" data-relation="none" ?disabled=${this.action.busy} @click=${this.ask}
            aria-label=${msg(str`Add ${user.displayName} as a friend`, { id: 'suggest.addName' })}>
            ${msg('Add friend', { id: 'suggest.add' })}</button>${error}`;
      default:
        return null;
    }
  }

  private async ask(e: Event): Promise<void> {
    e.stopPropagation(); // inside a link or a list item that opens the space
    e.preventDefault();
    await this.action.run(() => this.relation.ask(this.user!));
  }

  private async accept(e: Event): Promise<void> {
    e.stopPropagation();
    e.preventDefault();
    await this.action.run(() => this.relation.accept(this.user!));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-friend-button': KjFriendButton;
  }
}
