import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LinkPreviewDto } from '../../../shared/dto.js';
import { shared } from '../styles/shared.js';

/**
 * A post's link preview: the page's title, description and image (the hub's own re-encoded copy),
 * the whole card one safe link to the page (`rel="noopener nofollow ugc"`, a new tab).
 */
@localized()
@customElement('kj-link-card')
export class KjLinkCard extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; margin: 8px 0; }
      a { display: flex; gap: 10px; border: 1px solid var(--kj-border, #dee2e6); border-radius: 10px; overflow: hidden; color: inherit; text-decoration: none; }
      a:hover .title { text-decoration: underline; }
      img { width: 96px; height: 96px; object-fit: cover; flex: none; background: #f1f3f5; }
      .words { padding: 8px 10px 8px 0; min-width: 0; display: flex; flex-direction: column; gap: 2px; }
      a:not(:has(img)) .words { padding-left: 10px; }
      .title { font-weight: 700; overflow-wrap: anywhere; }
      .description { font-size: 0.9rem; overflow: hidden; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
      .host { font-size: 0.8rem; }
    `,
  ];

  @property({ attribute: false }) preview!: LinkPreviewDto;

  override render() {
    const p = this.preview;
    let host = '';
    try {
      host = new URL(p.url).host;
    } catch {
      host = p.url;
    }
    return html`<a href=${p.url} rel="noopener nofollow ugc" target="_blank" aria-label=${msg('Link preview', { id: 'link.preview' }) + `: ${p.title}`}>
      ${p.image ? html`<img src=${p.image} alt="" loading="lazy" />` : null}
      <span class="words">
        <span class="title">${p.title}</span>
        ${p.description ? html`<span class="description muted">${p.description}</span>` : null}
        <span class="host muted">${host}</span>
      </span>
    </a>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-link-card': KjLinkCard;
  }
}
