import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CommentDto } from '../../../shared/dto.js';
import { timeAgo } from '../format.js';
import { ApiError, api, errorText } from '../services/api.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';

/**
 * A post's comments, oldest first, and a box to add one. The list itself is owned by the post card,
 * which also merges comments arriving live.
 * @fires comment-added - detail `{ comment }`, after the hub stored a new comment
 */
@customElement('kj-comments')
export class KjComments extends LitElement {
  static override styles = [
    shared,
    css`
      :host { margin-top: 10px; }
      li { display: flex; gap: 8px; padding: 6px 0; }
      .bubble { background: #fff8ec; border-radius: 10px; padding: 6px 10px; flex: 1; min-width: 0; }
      .bubble p { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
      .bubble b { font-size: 0.9rem; }
      form { display: flex; gap: 8px; margin-top: 8px; }
      form input { flex: 1; }
    `,
  ];

  @property() postId = '';
  @property({ attribute: false }) comments: readonly CommentDto[] | null = null;
  @state() private busy = false;
  @state() private message = '';

  override render() {
    if (!this.comments) return html`<p class="muted" role="status">Loading comments…</p>`;
    return html`
      <ul class="plain" aria-label="Comments">
        ${this.comments.map(
          (c) => html`<li data-comment-id=${c.id}>
            <kj-avatar .user=${c.author} size="28"></kj-avatar>
            <div class="bubble">
              <b><a href=${`/space/${c.author.handle}`}>${c.author.displayName}</a></b>
              <span class="muted">· ${timeAgo(c.createdAt)}${c.status === 'review' ? ' · being previewed' : c.status === 'held' ? ' · held for review' : ''}</span>
              <p>${c.text}</p>
            </div>
          </li>`,
        )}
      </ul>
      ${this.comments.length === 0 ? html`<p class="muted">No comments yet — say something nice.</p>` : null}
      <form @submit=${this.submit}>
        <label class="sr-only" for="comment">Write a comment</label>
        <input id="comment" name="text" maxlength="1000" placeholder="Write a comment…" autocomplete="off" />
        <button class="primary" type="submit" ?disabled=${this.busy}>Send</button>
      </form>
      ${this.message ? html`<p class="notice ${this.message.startsWith('Blocked') ? 'error' : ''}" role="alert">${this.message}</p>` : null}
    `;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const text = String(new FormData(form).get('text') ?? '').trim();
    if (!text) return;
    this.busy = true;
    this.message = '';
    try {
      const { status, body } = await api.postWithStatus<{ comment: CommentDto }>(`/posts/${this.postId}/comments`, { text });
      form.reset();
      if (status === 202 || body.comment.status === 'held') this.message = 'Your comment is held for review; only you can see it for now.';
      else if (body.comment.status === 'review') this.message = 'Your comment is being previewed by a moderator.';
      this.dispatchEvent(new CustomEvent('comment-added', { detail: { comment: body.comment }, bubbles: true, composed: true }));
    } catch (err) {
      this.message = err instanceof ApiError && err.code === 'blocked' ? `Blocked: ${err.message}` : errorText(err);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-comments': KjComments;
  }
}
