import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SpaceDto } from '../../../shared/dto.js';
import { StoreController } from '../controllers/store-controller.js';
import { presence } from '../services/presence.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';

/** The owner's card at the top of their space. */
@customElement('kj-profile-card')
export class KjProfileCard extends LitElement {
  static override styles = [
    shared,
    css`
      .card { text-align: center; }
      h2 { margin: 10px 0 0; font-size: 1.15rem; color: var(--kj-text); }
      .yellow { background: linear-gradient(90deg, #fab005, #fd7e14); color: #fff; border: none; }
      .stats { display: flex; justify-content: center; gap: 16px; margin-top: 10px; }
      .stats b { display: block; font-size: 1.1rem; color: var(--kj-accent-strong); }
    `,
  ];

  @property({ attribute: false }) space!: SpaceDto;
  @property({ type: Boolean }) isOwner = false;
  private readonly presence = new StoreController(this, presence);

  override render() {
    const { owner, stats } = this.space;
    const online = this.isOwner ? undefined : this.presence.store.isOnline(owner.id) || undefined;
    return html`<section class="card" aria-label="Profile">
      <kj-avatar .user=${owner} size="84" .online=${online}></kj-avatar>
      <h2>${owner.displayName}</h2>
      <div class="muted">@${owner.handle}</div>
      ${owner.tier === 'yellow' ? html`<span class="badge yellow">Yellow diamond</span>` : null}
      <div class="stats">
        <div><b data-testid="visits">${stats.visits}</b><span class="muted">${stats.visits === 1 ? 'visit' : 'visits'}</span></div>
        ${stats.fans !== undefined ? html`<div><b>${stats.fans}</b><span class="muted">fans</span></div>` : null}
      </div>
      ${this.isOwner ? html`<p><a href="/settings">Decorate my space →</a></p>` : null}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-profile-card': KjProfileCard;
  }
}
