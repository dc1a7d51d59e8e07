import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PostDto } from '../../../shared/dto.js';
import { timeAgo } from '../format.js';
import { mentionText } from '../mention-text.js';
import { api } from '../services/api.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';

/**
 * The original inside a repost (转载), as this reader may see it, or "unavailable". A repost pushed
 * live carries the original only as any stranger may see it, so an empty one is asked for once more
 * as this reader (a friend may see a friends-only original); the hub never sends what they may not see.
 */
@localized()
@customElement('kj-repost-embed')
export class KjRepostEmbed extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .original { border: 1px solid var(--kj-line); border-radius: 8px; padding: 8px 12px; margin: 8px 0; background: var(--kj-bg); }
      .who { display: flex; gap: 8px; align-items: center; }
      .who a { font-weight: 700; color: var(--kj-text); }
      .text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 6px 0 0; }
      .thumbs { display: flex; gap: 4px; margin-top: 6px; }
      .thumbs img { width: 56px; height: 56px; object-fit: cover; border-radius: 4px; }
    `,
  ];

  /** The repost's id, to ask for the original as this reader when none came with it. */
  @property({ attribute: 'repost-id' }) repostId = '';
  @property({ attribute: false }) original: PostDto | null | undefined = null;
  @state() private asked: PostDto | null = null;
  private askedFor = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('original') || changed.has('repostId')) && !this.original && this.repostId && this.askedFor !== this.repostId) {
      this.askedFor = this.repostId;
      void api
        .call('GET /posts/:id', { params: { id: this.repostId } })
        .then(({ post }) => void (this.asked = post.repostOf ?? null))
        .catch(() => undefined); // it stays "unavailable"
    }
  }

  override render() {
    const o = this.original ?? this.asked;
    if (!o)
      return html`<p class="original muted" data-testid="repost-unavailable">${msg('The original post is unavailable.', { id: 'repost.unavailable' })}</p>`;
    return html`<blockquote class="original" data-original-id=${o.id}>
      <div class="who">
        <kj-avatar .user=${o.author} size="24"></kj-avatar>
        <a href=${`/space/${o.author.handle}`}>${o.author.displayName}</a>
        <a class="muted" href=${`/post/${o.id}`}><time datetime=${o.createdAt}>${timeAgo(o.createdAt)}</time></a>
      </div>
      ${o.kind === 'diary' ? html`<p class="text"><a href=${`/post/${o.id}`}>${o.title}</a></p>` : html`<p class="text">${mentionText(o.text, o.mentions)}</p>`}
      ${
        o.images.length
          ? html`<div class="thumbs">${o.images.slice(0, 4).map((img) => html`<img src=${img.thumbUrl} alt=${msg('Photo', { id: 'post.photo' })} loading="lazy" />`)}</div>`
          : null
      }
    </blockquote>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-repost-embed': KjRepostEmbed;
  }
}
