import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CommentDto } from '../../../shared/dto.js';
import { formatNumber, plural } from '../i18n/format.js';
import { mentionText } from '../mention-text.js';
import { shared } from '../styles/shared.js';

/** How many of the newest comments a feed item shows before "show all". */
export const previewSize = 3;

/**
 * A feed item's newest comments, inline as Qzone shows them, with "Show all N comments" when there
 * are more. The post card owns the list (and keeps it live); this only draws its tail.
 * @fires show-all - the reader asked for the whole thread
 */
@localized()
@customElement('kj-comment-preview')
export class KjCommentPreview extends LitElement {
  static override styles = [
    shared,
    css`
      :host { margin-top: 8px; background: #fff8ec; border-radius: 10px; padding: 6px 10px; }
      li { padding: 2px 0; font-size: 0.9rem; overflow-wrap: anywhere; }
      li b a { color: var(--kj-text); }
      button { min-height: 0; padding: 0; border: none; background: none; color: var(--kj-accent-strong); font-size: 0.88rem; }
    `,
  ];

  @property({ attribute: false }) comments: readonly CommentDto[] = [];
  /** The post's comment count, which may be more than this reader has loaded. */
  @property({ type: Number }) total = 0;

  override render() {
    const shown = this.comments.slice(-previewSize);
    const total = Math.max(this.total, this.comments.length);
    return html`<ul class="plain" aria-label=${msg('Latest comments', { id: 'commentPreview.label' })}>
        ${repeat(
          shown,
          (c) => c.id,
          (c) =>
            html`<li data-comment-id=${c.id}><b><a href=${`/space/${c.author.handle}`}>${c.author.displayName}</a></b>: ${mentionText(c.text, c.mentions)}</li>`,
        )}
      </ul>
      ${
        total > shown.length
          ? html`<button @click=${() => this.dispatchEvent(new CustomEvent('show-all'))}>${plural(total, {
              one: () => msg('Show the comment', { id: 'commentPreview.showOne' }),
              other: () => msg(str`Show all ${formatNumber(total)} comments`, { id: 'commentPreview.showAll' }),
            })}</button>`
          : null
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-comment-preview': KjCommentPreview;
  }
}
