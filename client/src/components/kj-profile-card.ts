import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SpaceDto } from '../../../shared/dto.js';
import { SessionController } from '../controllers/session-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { presence } from '../services/presence.js';
import { plural } from '../i18n/format.js';
import { shared } from '../styles/shared.js';
import './kj-friend-button.js';
import './kj-avatar.js';
import './kj-report-button.js';

/** The owner's card at the top of their space. */
@localized()
@customElement('kj-profile-card')
export class KjProfileCard extends LitElement {
  static override styles = [
    shared,
    css`
      .card { text-align: center; }
      h2 { margin: 10px 0 0; font-size: 1.15rem; color: var(--kj-text); }
      .yellow { background: linear-gradient(90deg, #fab005, #fd7e14); color: #fff; border: none; }
      .bio { margin: 8px 0 0; white-space: pre-line; overflow-wrap: anywhere; }
      .stats { display: flex; justify-content: center; gap: 16px; margin-top: 10px; }
      .stats b { display: block; font-size: 1.1rem; color: var(--kj-accent-strong); }
    `,
  ];

  @property({ attribute: false }) space!: SpaceDto;
  @property({ type: Boolean }) isOwner = false;
  private readonly presence = new StoreController(this, presence);
  private readonly session = new SessionController(this);

  override render() {
    const { owner, stats } = this.space;
    const online = this.isOwner ? undefined : this.presence.store.isOnline(owner.id) || undefined;
    return html`<section class="card" aria-label=${msg('Profile', { id: 'space.profile' })}>
      <kj-avatar .user=${owner} size="84" .online=${online}></kj-avatar>
      <h2>${owner.displayName}</h2>
      <div class="muted">@${owner.handle}</div>
      ${owner.bio ? html`<p class="bio">${owner.bio}</p>` : null}
      ${owner.tier === 'yellow' ? html`<span class="badge yellow">${msg('Yellow diamond', { id: 'space.yellow' })}</span>` : null}
      <div class="stats">
        <div><b data-testid="visits">${stats.visits}</b><span class="muted">${plural(stats.visits, { one: () => msg('visit', { id: 'space.visit' }), other: () => msg('visits', { id: 'space.visits' }) })}</span></div>
        ${stats.fans !== undefined ? html`<div><b>${stats.fans}</b><span class="muted">${msg('fans', { id: 'space.fans' })}</span></div>` : null}
      </div>
      ${
        !this.isOwner && this.session.me && this.session.me.id !== owner.id
          ? html`<p><kj-friend-button .user=${owner}></kj-friend-button></p>
            <p><kj-report-button kind="user" subject-id=${owner.id} owner=${owner.displayName}></kj-report-button></p>`
          : null
      }
      ${this.isOwner ? html`<p><a href="/settings">${msg('Decorate my space', { id: 'settings.decorate' })} →</a></p>` : null}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-profile-card': KjProfileCard;
  }
}
