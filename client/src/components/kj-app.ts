import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { SessionController } from '../controllers/session-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { realtime } from '../services/realtime.js';
import { router } from '../services/router.js';
import { currentLocale } from '../i18n/locale.js';
import { documentTitle } from '../page-title.js';
import '../services/session-end.js';
import '../services/attention.js';
import { shared } from '../styles/shared.js';
import { routedPage } from './app-pages.js';
import './kj-auth.js';
import './kj-header.js';
import './kj-invites.js';
import './kj-toasts.js';

/** The app shell: header, offline banner, the routed page, and the toast region. */
@localized()
@customElement('kj-app')
export class KjApp extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; min-height: 100vh; }
      main { max-width: 1080px; margin: 0 auto; padding: 20px 16px 64px; }
      .offline {
        position: sticky; top: 0; z-index: 30; text-align: center; padding: 6px 12px;
        background: #5c3d12; color: #fff; font-size: 0.9rem;
      }
      .loading { display: grid; place-items: center; min-height: 60vh; color: var(--kj-muted); }
      @media (max-width: 600px) { main { padding: 12px 8px 56px; } }
    `,
  ];

  private readonly session = new SessionController(this);
  private readonly routes = new StoreController(this, router);
  private readonly connection = new StoreController(this, realtime, 'state');

  override render() {
    if (this.session.store.status === 'loading')
      return html`<div class="loading" role="status">${msg('Opening your space…', { id: 'app.loading' })}</div>`;
    if (!this.session.me) return html`<kj-auth></kj-auth><kj-toasts></kj-toasts>`;
    const offline = this.connection.store.state === 'offline';
    return html`
      <kj-header .route=${this.routes.store.route}></kj-header>
      ${
        offline
          ? html`<div class="offline" role="status">${msg('You are offline — reconnecting… Live updates resume when the connection is back.', { id: 'app.offline' })}</div>`
          : null
      }
      <main id="main" tabindex="-1">${routedPage(this.routes.store.route)}</main>
      <kj-invites></kj-invites>
      <kj-toasts></kj-toasts>
    `;
  }

  private titledFor = '';

  /** Marks the connection's state; names the tab after the page, in the current language, when the page or the language changes (not on every render, so a page that names itself keeps its name). */
  override updated() {
    // The live connection's state, for whoever waits for live updates to flow (the browser tests do).
    this.dataset.connection = this.connection.store.state;
    const route = this.session.me ? this.routes.store.route : null;
    const key = `${currentLocale()} ${JSON.stringify(route)}`;
    if (key === this.titledFor) return;
    this.titledFor = key;
    document.title = documentTitle(route);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-app': KjApp;
  }
}
