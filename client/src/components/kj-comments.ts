import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CommentDto } from '../../../shared/dto.js';
import { MentionSuggest, mentionListStyles } from '../controllers/mention-suggest.js';
import { ScrollAnchor } from '../controllers/scroll-anchor.js';
import { SessionController } from '../controllers/session-controller.js';
import { timeAgo } from '../format.js';
import { mentionText } from '../mention-text.js';
import { ApiError, api, errorText } from '../services/api.js';
import { shared } from '../styles/shared.js';
import { formText } from '../form-text.js';
import './kj-avatar.js';
import './kj-friend-button.js';
import './kj-report-button.js';

/** Top-level comments in order, each with its replies (one level, as the hub keeps them). */
interface Thread {
  readonly comment: CommentDto;
  readonly replies: readonly CommentDto[];
}

function threads(comments: readonly CommentDto[]): Thread[] {
  const tops = new Set(comments.filter((c) => !c.parentId).map((c) => c.id));
  const replies = new Map<string, CommentDto[]>();
  for (const c of comments) {
    if (c.parentId && tops.has(c.parentId)) replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c]);
  }
  // A reply whose parent this viewer cannot see (held, or gone) still shows, on its own line.
  return comments.filter((c) => !c.parentId || !tops.has(c.parentId)).map((c) => ({ comment: c, replies: replies.get(c.id) ?? [] }));
}

/**
 * A post's comments, oldest first, replies threaded under their parent, a box to add a comment and
 * a "Reply" box per top-level comment. The list itself is owned by the post card, which also merges
 * comments arriving live; items are keyed, so an arrival never disturbs an open reply box.
 * @fires comment-added - detail `{ comment }`, after the hub stored a new comment or reply
 * @fires comment-removed - detail `{ commentIds }`, after the hub deleted a comment (and its replies)
 */
@localized()
@customElement('kj-comments')
export class KjComments extends LitElement {
  static override styles = [
    shared,
    mentionListStyles,
    css`
      :host { margin-top: 10px; }
      .item { display: flex; gap: 8px; padding: 6px 0; }
      .bubble { background: #fff8ec; border-radius: 10px; padding: 6px 10px; flex: 1; min-width: 0; }
      .bubble p { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
      .bubble b { font-size: 0.9rem; }
      .replies { margin-left: 36px; border-left: 2px solid var(--kj-line); padding-left: 8px; font-size: 0.9rem; }
      .replies .item { padding: 4px 0; }
      .replies .bubble { background: #fffcf6; padding: 4px 8px; }
      .reply-action { min-height: 0; padding: 0 6px; font-size: 0.82rem; color: var(--kj-muted); }
      .fresh > .item .bubble { animation: arrive 1.6s ease-out; }
      @keyframes arrive { from { background: var(--kj-accent-soft); } }
      @media (prefers-reduced-motion: reduce) { .fresh > .item .bubble { animation: none; } }
      form { display: flex; gap: 8px; margin-top: 8px; }
      form input, form .mention-wrap { flex: 1; }
      .mention-wrap input { width: 100%; }
      .replies form { margin: 4px 0 6px; }
    `,
  ];

  @property() postId = '';
  /** The post's author may delete any comment on it. */
  @property() postAuthorId = '';
  private readonly session = new SessionController(this);
  @property({ attribute: false }) comments: readonly CommentDto[] | null = null;
  @state() private busy = false;
  @state() private message = '';
  @state() private messageIsError = false;
  /** The top-level comment whose reply box is open. */
  @state() private replyingTo: string | null = null;
  /** Comments on screen before now; later ones arrived live and get a brief highlight. */
  private seen: Set<string> | null = null;
  /** A comment arriving above the reader's place must not push what they read down the page. */
  @query('#comment') private commentBox?: HTMLInputElement;
  /** Typing `@` in the comment box suggests friends to mention. */
  private readonly mention = new MentionSuggest(this, () => this.commentBox, 'comment-mention');
  private readonly place = new ScrollAnchor(
    () => this.renderRoot.querySelectorAll('li[data-comment-id], form'),
    () => this,
  );

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('comments') && changed.get('comments')) this.place.note();
  }

  override render() {
    if (!this.comments) return html`<p class="muted" role="status">${msg('Loading comments…', { id: 'comments.loading' })}</p>`;
    const seen = (this.seen ??= new Set(this.comments.map((c) => c.id)));
    const fresh = (c: CommentDto) => (seen.has(c.id) ? '' : 'fresh');
    const m = this.mention.boxAttributes();
    return html`
      <ul class="plain" aria-label=${msg('Comments', { id: 'post.comments' })}>
        ${repeat(
          threads(this.comments),
          (t) => t.comment.id,
          (t) => html`<li data-comment-id=${t.comment.id} class=${fresh(t.comment)}>
          ${this.item(t.comment, true)}
          ${
            t.replies.length || this.replyingTo === t.comment.id
              ? html`<ul class="plain replies" aria-label=${msg(str`Replies to ${t.comment.author.displayName}`, { id: 'comments.repliesTo' })}>
                ${repeat(
                  t.replies,
                  (r) => r.id,
                  (r) => html`<li data-comment-id=${r.id} data-parent-id=${t.comment.id} class=${fresh(r)}>${this.item(r, false)}</li>`,
                )}
                ${this.replyingTo === t.comment.id ? html`<li>${this.replyForm(t.comment)}</li>` : null}
              </ul>`
              : null
          }
        </li>`,
        )}
      </ul>
      ${this.comments.length === 0 ? html`<p class="muted">${msg('No comments yet — say something nice.', { id: 'comments.none' })}</p>` : null}
      <form @submit=${this.submit}>
        <label class="sr-only" for="comment">${msg('Write a comment', { id: 'comments.write' })}</label>
        <div class="mention-wrap">
          <input id="comment" name="text" maxlength="1000" placeholder=${msg('Write a comment…', { id: 'comments.writePlaceholder' })} autocomplete="off"
            aria-autocomplete="list" aria-controls=${m.controls} aria-activedescendant=${m.activedescendant}
            @input=${this.mention.onInput} @keydown=${this.mention.onKeydown} @blur=${this.mention.onBlur} />
          ${this.mention.listbox()}
        </div>
        <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Send', { id: 'comments.send' })}</button>
      </form>
      ${this.message ? html`<p class="notice ${this.messageIsError ? 'error' : ''}" role="alert">${this.message}</p>` : null}
    `;
  }

  override updated(changed: Map<string, unknown>): void {
    for (const c of this.comments ?? []) this.seen?.add(c.id);
    if (changed.has('comments')) this.place.restore();
  }

  private item(c: CommentDto, top: boolean): TemplateResult {
    const open = this.replyingTo === c.id;
    return html`<div class="item">
      <kj-avatar .user=${c.author} size=${top ? '28' : '22'}></kj-avatar>
      <div class="bubble">
        <b><a href=${`/space/${c.author.handle}`}>${c.author.displayName}</a></b>
        <kj-friend-button compact hide-friends .user=${c.author}></kj-friend-button>
        <span class="muted">· ${timeAgo(c.createdAt)}${c.pending ? ` · ${msg('pending approval', { id: 'circles.pending' })}` : c.status === 'review' ? ` · ${msg('being previewed', { id: 'comments.review' })}` : c.status === 'held' ? ` · ${msg('held for review', { id: 'comments.held' })}` : ''}</span>
        <p>${mentionText(c.text, c.mentions)}</p>
        ${
          top
            ? html`<button class="ghost reply-action" id=${`reply-to-${c.id}`} aria-expanded=${open ? 'true' : 'false'}
              aria-controls=${`reply-box-${c.id}`} aria-label=${msg(str`Reply to ${c.author.displayName}`, { id: 'comments.replyTo' })}
              @click=${() => this.openReply(open ? null : c.id)}>${msg('Reply', { id: 'comments.reply' })}</button>`
            : null
        }
        ${
          this.mayDelete(c)
            ? html`<button class="ghost reply-action" @click=${() => this.deleteComment(c)}
              aria-label=${msg(str`Delete the comment by ${c.author.displayName}`, { id: 'commentsLive.deleteLabel' })}>${msg('Delete', { id: 'common.delete' })}</button>`
            : null
        }
        ${
          this.session.me && this.session.me.id !== c.author.id && (!c.status || c.status === 'published')
            ? html`<kj-report-button kind="comment" subject-id=${c.id} owner=${c.author.displayName}></kj-report-button>`
            : null
        }
      </div>
    </div>`;
  }

  /** Its author, the post's author and moderators may delete a comment (the hub checks again). */
  private mayDelete(c: CommentDto): boolean {
    const me = this.session.me;
    return !!me && (me.id === c.author.id || me.id === this.postAuthorId || me.role === 'moderator');
  }

  private async deleteComment(c: CommentDto): Promise<void> {
    const question = c.parentId
      ? msg('Delete this reply?', { id: 'commentsLive.deleteReplyConfirm' })
      : msg('Delete this comment and its replies?', { id: 'commentsLive.deleteConfirm' });
    if (!confirm(question)) return;
    try {
      await api.call('DELETE /posts/:id/comments/:commentId', { params: { id: this.postId, commentId: c.id } });
      const replies = c.parentId ? [] : (this.comments ?? []).filter((r) => r.parentId === c.id).map((r) => r.id);
      this.dispatchEvent(new CustomEvent('comment-removed', { detail: { commentIds: [c.id, ...replies] }, bubbles: true, composed: true }));
    } catch (err) {
      this.message = errorText(err);
    }
  }

  private replyForm(parent: CommentDto): TemplateResult {
    return html`<form id=${`reply-box-${parent.id}`} @submit=${(e: SubmitEvent) => this.submit(e, parent.id)}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.openReply(null, parent.id)}>
      <label class="sr-only" for=${`reply-${parent.id}`}>${msg(str`Your reply to ${parent.author.displayName}`, { id: 'comments.yourReplyTo' })}</label>
      <input id=${`reply-${parent.id}`} name="text" maxlength="1000" placeholder=${msg(str`Reply to ${parent.author.displayName}…`, { id: 'comments.replyPlaceholder' })} autocomplete="off" />
      <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Reply', { id: 'comments.reply' })}</button>
    </form>`;
  }

  /** Opens one reply box (focused) or closes it, handing focus back to its "Reply" button. */
  private async openReply(parentId: string | null, returnTo = this.replyingTo): Promise<void> {
    this.replyingTo = parentId;
    await this.updateComplete;
    const target = parentId ? `#reply-${parentId}` : returnTo ? `#reply-to-${returnTo}` : null;
    if (target) this.renderRoot.querySelector<HTMLElement>(target)?.focus();
  }

  private async submit(e: SubmitEvent, parentId?: string): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const text = formText(new FormData(form), 'text').trim();
    if (!text) return;
    this.busy = true;
    this.message = '';
    this.messageIsError = false;
    try {
      const body = parentId ? { text, parentId } : { text };
      const { status, body: answer } = await api.send('POST /posts/:id/comments', { params: { id: this.postId }, body });
      form.reset();
      if (status === 202 || answer.comment.status === 'held')
        this.message = msg('Your comment is held for review; only you can see it for now.', { id: 'comments.heldNote' });
      else if (answer.comment.status === 'review')
        this.message = msg('Your comment is being previewed by a moderator.', { id: 'comments.reviewNote' });
      else if (answer.comment.pending)
        this.message = msg('Your comment waits for the owner’s approval; only you and the owner can see it for now.', {
          id: 'circles.pendingNote',
        });
      if (parentId) void this.openReply(null, parentId);
      this.dispatchEvent(new CustomEvent('comment-added', { detail: { comment: answer.comment }, bubbles: true, composed: true }));
    } catch (err) {
      this.messageIsError = true;
      this.message =
        err instanceof ApiError && err.code === 'blocked'
          ? msg('Blocked: this comment breaks the community rules.', { id: 'comments.blocked' })
          : errorText(err);
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
