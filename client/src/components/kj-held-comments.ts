import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CommentDto } from '../../../shared/dto.js';
import { timeAgo } from '../format.js';
import { api } from '../services/api.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';
import { errorNotice } from '../error-notice.js';
import { ActionStatus } from '../controllers/action-status.js';

/**
 * Held comments in the moderation queue, each with its post's link, to approve (it appears on the
 * post, live, as a new comment would) or reject (its author is told).
 * @fires comment-decided - detail `{ commentId }`, after the hub took the decision
 */
@localized()
@customElement('kj-held-comments')
export class KjHeldComments extends LitElement {
  static override styles = [
    shared,
    css`li { display: flex; gap: 10px; align-items: flex-start; padding: 8px 0; border-bottom: 1px solid var(--kj-line); } li > div { flex: 1; min-width: 0; overflow-wrap: anywhere; } li p { margin: 2px 0 6px; }`,
  ];

  @property({ attribute: false }) comments: readonly CommentDto[] = [];
  private readonly action = new ActionStatus(this);

  override render() {
    if (this.comments.length === 0) return null;
    return html`<section class="card" aria-labelledby="held-comments">
      <h2 id="held-comments">${msg('Held comments', { id: 'heldComments.title' })}</h2>
      <ul class="plain">
        ${repeat(
          this.comments,
          (c) => c.id,
          (c) => html`<li data-comment-id=${c.id}>
          <kj-avatar .user=${c.author} size="30"></kj-avatar>
          <div>
            <b>${c.author.displayName}</b> <span class="muted">· ${timeAgo(c.createdAt)} · <a href=${`/post/${c.postId}`}>${msg('on this post', { id: 'heldComments.post' })}</a></span>
            <p>${c.text}</p>
            <div class="row">
              <button class="primary" @click=${() => this.decide(c, 'approve')} aria-label=${msg(str`Approve the comment by ${c.author.displayName}`, { id: 'heldComments.approveBy' })}>${msg('Approve', { id: 'mod.approve' })}</button>
              <button class="danger" @click=${() => this.decide(c, 'reject')} aria-label=${msg(str`Reject the comment by ${c.author.displayName}`, { id: 'heldComments.rejectBy' })}>${msg('Reject', { id: 'mod.reject' })}</button>
            </div>
          </div>
        </li>`,
        )}
      </ul>
      ${errorNotice(this.action.error)}
    </section>`;
  }

  private async decide(c: CommentDto, verb: 'approve' | 'reject'): Promise<void> {
    await this.action.run(async () => {
      await api.call(`POST /moderation/queue/comments/:id/${verb}`, { params: { id: c.id } });
      this.dispatchEvent(new CustomEvent('comment-decided', { detail: { commentId: c.id } }));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-held-comments': KjHeldComments;
  }
}
