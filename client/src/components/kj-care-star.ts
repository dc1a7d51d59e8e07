import { localized, msg } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SessionController } from '../controllers/session-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { care } from '../services/care.js';

/**
 * A small star next to an author's name (in the feed, on a post) when the reader marked them for
 * special care (特别关心); nothing otherwise. Follows the marks live (services/care.ts).
 */
@localized()
@customElement('kj-care-star')
export class KjCareStar extends LitElement {
  static override styles = css`
    :host { display: inline; }
    span { color: var(--kj-accent); margin-inline-start: 4px; }
  `;

  @property({ attribute: 'user-id' }) userId = '';
  private readonly care = new StoreController(this, care);
  private readonly session = new SessionController(this);

  override render() {
    // Loaded once per sign-in (a no-op once loaded); no stars is the quiet failure.
    if (this.session.me) care.load().catch(() => undefined);
    if (!this.care.store.has(this.userId)) return nothing;
    const label = msg('Special care', { id: 'circles.careStar' });
    return html`<span role="img" aria-label=${label} title=${label} data-testid="care-star">★</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-care-star': KjCareStar;
  }
}
