import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { MeDto, PostDto, SpaceDto, SpaceModule } from '../../../shared/dto.js';
import { LiveEvents } from '../controllers/live-events.js';
import { icon } from '../icons.js';
import { plural } from '../i18n/format.js';
import { readableOn } from '../contrast.js';
import { shared } from '../styles/shared.js';
import { postKindName } from '../post-labels.js';
import './kj-album-list.js';
import './kj-fan-button.js';
import './kj-match-history.js';
import './kj-guestbook.js';
import './kj-music-player.js';
import './kj-post-card.js';
import './kj-profile-card.js';
import './kj-visitors.js';

const safeImage = (url: string | null) => (url && /^https?:\/\/[^\s"'()\\<>]+$/i.test(url) ? url : null);

/**
 * A space drawn the way its owner designed it: their colours, background, layout, panel
 * transparency, and modules in their order. Also the live preview in the space editor.
 * @csspart space - the themed surface
 */
@localized()
@customElement('kj-space-view')
export class KjSpaceView extends LitElement {
  static override styles = [
    shared,
    css`
      .space { border-radius: 16px; padding: 16px; background-size: cover; background-position: center; color: var(--kj-text); }
      .banner { padding: 22px 18px; border-radius: 12px; margin-bottom: 16px; background: var(--kj-panel); border: 1px solid var(--kj-line); box-shadow: var(--kj-shadow); }
      .banner h1 { margin: 0; font-size: 1.6rem; color: var(--kj-accent-strong); }
      .columns { display: grid; grid-template-columns: 280px minmax(0, 1fr); gap: 16px; align-items: start; }
      .wide .columns { grid-template-columns: minmax(0, 1fr) 240px; }
      .wide .side { order: 2; }
      .col { display: flex; flex-direction: column; gap: 16px; min-width: 0; }
      .posts { display: flex; flex-direction: column; gap: 12px; }
      section > h2 { margin: 0 0 10px; font-size: 1rem; color: var(--kj-accent-strong); }
      @media (max-width: 760px) {
        .columns, .wide .columns { grid-template-columns: 1fr; }
        .space { padding: 8px; }
      }
    `,
  ];

  @property({ attribute: false }) space!: SpaceDto;
  @property({ attribute: false }) posts: readonly PostDto[] = [];
  @property({ attribute: false }) viewer: MeDto | null = null;
  /** The editor's preview: drawn as a stranger sees it (public albums, no private guestbook entries, no forms). */
  @property({ type: Boolean }) preview = false;
  /** Certification as the hub last pushed it (`space:fans`), until a new space object comes in. */
  @state() private liveCertified: boolean | null = null;

  constructor() {
    super();
    new LiveEvents(this).on('space:fans', ({ ownerId, certified }) => {
      if (ownerId === this.space?.owner.id) this.liveCertified = certified;
    });
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // Another space, or a space object that itself says otherwise (it is newer): the push no longer applies.
    // The same space redrawn for a visit or a profile edit keeps it.
    const before = changed.get('space') as SpaceDto | undefined;
    if (changed.has('space') && (before?.owner.id !== this.space.owner.id || before.certified !== this.space.certified))
      this.liveCertified = null;
  }

  /** Certified or not, live: the badge and the "I like" button come and go with it. */
  private get certified(): boolean {
    return this.liveCertified ?? this.space.certified;
  }

  override render() {
    const { theme, owner } = this.space;
    const opacity = Math.round((1 - theme.transparency) * 100);
    const image = safeImage(theme.background.imageUrl);
    // The owner's colours, with text-bearing ones nudged to 4.5:1 on their panel colour.
    const vars = [
      `--kj-accent-strong:${readableOn(theme.colors.accent, theme.colors.panel)}`,
      `--kj-accent:${theme.colors.accent}`,
      `--kj-text:${readableOn(theme.colors.text, theme.colors.panel)}`,
      `--kj-panel:color-mix(in srgb, ${theme.colors.panel} ${opacity}%, transparent)`,
      `background-color:${theme.background.color}`,
      image ? `background-image:url("${image}")` : '',
    ].join(';');
    const visible = this.space.modules.filter((m) => m.visible && (m.kind !== 'visitors' || this.isOwner));
    const column = (c: SpaceModule['column']) => visible.filter((m) => m.column === c).sort((a, b) => a.order - b.order);
    return html`<div class="space ${theme.layout}" part="space" style=${vars} data-layout=${theme.layout}>
      <div class="banner">
        <h1>${this.space.title}</h1>
        <div class="muted">@${owner.handle} · <span data-testid="visits">${this.space.stats.visits}</span> ${plural(this.space.stats.visits, { one: () => msg('visit', { id: 'space.visit' }), other: () => msg('visits', { id: 'space.visits' }) })}${this.certified ? html` · <span class="badge">${msg('Certified', { id: 'space.certified' })}</span>` : ''}</div>
        ${this.certified && !this.preview ? html`<kj-fan-button .handle=${owner.handle} .ownerId=${owner.id} ?isOwner=${this.isOwner}></kj-fan-button>` : null}
      </div>
      <div class="columns">
        <div class="col side">${repeat(
          column('side'),
          (m) => m.kind,
          (m) => this.module(m),
        )}</div>
        <div class="col main">${repeat(
          column('main'),
          (m) => m.kind,
          (m) => this.module(m),
        )}</div>
      </div>
    </div>`;
  }

  private get isOwner(): boolean {
    return this.viewer?.id === this.space.owner.id;
  }

  private module(m: SpaceModule): TemplateResult {
    const owner = this.space.owner;
    switch (m.kind) {
      case 'profile':
        return html`<kj-profile-card .space=${this.space} .isOwner=${this.isOwner} data-module="profile"></kj-profile-card>`;
      case 'shuoshuo':
      case 'diary':
        return this.postList(m.kind);
      case 'albums':
        return html`<kj-album-list .handle=${owner.handle} ?public-only=${this.preview} data-module="albums"></kj-album-list>`;
      case 'guestbook':
        return html`<kj-guestbook .handle=${owner.handle} .ownerId=${owner.id} .isOwner=${this.isOwner} ?visitor-view=${this.preview} data-module="guestbook"></kj-guestbook>`;
      case 'visitors':
        return html`<kj-visitors .handle=${owner.handle} data-module="visitors"></kj-visitors>`;
      case 'music':
        return html`<kj-music-player .music=${this.space.music} data-module="music"></kj-music-player>`;
      case 'games':
        return html`<section class="card" data-module="games">
          <h2>${msg('Games', { id: 'nav.games' })}</h2>
          <p class="muted">${this.isOwner ? msg('Invite a friend to a game of Gomoku.', { id: 'space.gamesOwner' }) : msg(str`Challenge ${owner.displayName} to Gomoku.`, { id: 'space.gamesVisitor' })}</p>
          <a href="/games">${msg('Go to games →', { id: 'space.goGames' })}</a>
          ${this.preview ? null : html`<kj-match-history .handle=${owner.handle}></kj-match-history>`}
        </section>`;
    }
  }

  private postList(kind: 'shuoshuo' | 'diary'): TemplateResult {
    const posts = this.posts.filter((p) => p.kind === kind);
    return html`<section data-module=${kind} aria-label=${postKindName[kind]()}>
      <div class="card" style="padding:10px 16px;margin-bottom:12px"><h2 style="margin:0">${icon(kind === 'shuoshuo' ? 'comment' : 'book', 18)} ${postKindName[kind]()}</h2></div>
      <div class="posts">
        ${repeat(
          posts,
          (p) => p.id,
          (p) => html`<kj-post-card .post=${p}></kj-post-card>`,
        )}
        ${posts.length === 0 ? html`<p class="card muted">${msg('Nothing here yet.', { id: 'space.empty' })}</p>` : null}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-space-view': KjSpaceView;
  }
}
