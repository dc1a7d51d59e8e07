import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SessionController } from '../controllers/session-controller.js';
import type { Route } from '../services/router.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';
import './kj-bell.js';
import './kj-chat-icon.js';
import './kj-user-search.js';

/** The top bar: the hub's name, the main navigation, the notification bell and the signed-in user. */
@localized()
@customElement('kj-header')
export class KjHeader extends LitElement {
  static override styles = [
    shared,
    css`
      header {
        /* deep orange, so white nav text reads at ≥ 5:1 (the old #f59f00 → #fcc419 gave ≈ 2:1) */
        background: linear-gradient(90deg, #a84300, #b8460b 55%, #c2410c);
        color: #fff; box-shadow: 0 2px 10px rgb(160 80 0 / 0.25);
      }
      .bar { max-width: 1080px; margin: 0 auto; display: flex; align-items: center; gap: 16px; padding: 8px 16px; }
      .brand { color: #fff; font-weight: 800; font-size: 1.35rem; letter-spacing: 0.02em; white-space: nowrap; }
      .brand small { font-weight: 600; font-size: 0.85rem; margin-left: 4px; }
      .brand:hover { text-decoration: none; }
      nav { flex: 1; display: flex; gap: 4px; overflow-x: auto; scrollbar-width: none; }
      nav a {
        color: #fff; padding: 6px 12px; border-radius: 999px; white-space: nowrap; font-weight: 600;
      }
      nav a:hover { background: rgb(0 0 0 / 0.18); text-decoration: none; }
      nav a:focus-visible, .brand:focus-visible, .me a:focus-visible { box-shadow: 0 0 0 3px #fff; border-radius: 999px; }
      nav a[aria-current='page'] { background: #fff; color: var(--kj-accent-strong); }
      .me { display: flex; align-items: center; gap: 8px; color: #fff; }
      .skip { position: absolute; left: -999px; top: 8px; background: #fff; padding: 6px 12px; border-radius: 8px; }
      .skip:focus { left: 8px; z-index: 50; }
      @media (max-width: 720px) {
        .bar { flex-wrap: wrap; gap: 6px 10px; padding: 8px; }
        /* wrap rather than scroll: at 390 px every item stays visible and reachable (Moderation fell off) */
        nav { order: 3; flex-basis: 100%; flex-wrap: wrap; overflow: visible; }
        nav a { padding: 4px 10px; }
        .brand small { display: none; }
        .me { margin-left: auto; }
      }
    `,
  ];

  @property({ attribute: false }) route: Route = { name: 'feed' };
  private readonly session = new SessionController(this);

  override render() {
    // Signing out re-renders this once more before the shell drops it: draw nothing rather than throw.
    const me = this.session.me;
    if (!me) return null;
    const links: Array<[string, string, Route['name'][]]> = [
      ['/', msg('Feed', { id: 'nav.feed' }), ['feed']],
      [`/space/${me.handle}`, msg('My space', { id: 'nav.mySpace' }), ['space']],
      ['/games', msg('Games', { id: 'nav.games' }), ['games', 'match']],
      ['/settings', msg('Settings', { id: 'nav.settings' }), ['settings']],
    ];
    if (me.role === 'moderator') links.push(['/moderation', msg('Moderation', { id: 'nav.moderation' }), ['moderation']]);
    const current = (names: Route['name'][]) =>
      names.includes(this.route.name) && (this.route.name !== 'space' || this.route.handle === me.handle);
    return html`<header>
      <a class="skip" href="#main" @click=${this.skip}>${msg('Skip to content', { id: 'nav.skip' })}</a>
      <div class="bar">
        <a class="brand" href="/">空间 <small>Kongjian</small></a>
        <nav aria-label=${msg('Main', { id: 'nav.main' })}>
          ${links.map(([href, label, names]) => html`<a href=${href} aria-current=${current(names) ? 'page' : 'false'}>${label}</a>`)}
        </nav>
        <div class="me">
          <kj-user-search></kj-user-search>
          <kj-chat-icon></kj-chat-icon>
          <kj-bell></kj-bell>
          <a href=${`/space/${me.handle}`} title=${`${me.displayName} (@${me.handle})`}>
            <kj-avatar .user=${me} size="34"></kj-avatar><span class="sr-only">${msg('Your space', { id: 'nav.yourSpace' })}</span>
          </a>
        </div>
      </div>
    </header>`;
  }

  private skip(e: Event): void {
    e.preventDefault();
    const main = (this.getRootNode() as ShadowRoot).getElementById('main');
    main?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-header': KjHeader;
  }
}
