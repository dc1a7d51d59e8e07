import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { CommentDto, LinkPreviewDto, PostDto } from '../../../shared/dto.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { LiveEvents } from '../controllers/live-events.js';
import { SessionController } from '../controllers/session-controller.js';
import { WatchController } from '../controllers/watch-controller.js';
import { privacyLabel, timeAgo } from '../format.js';
import { api, errorText, isAbort } from '../services/api.js';
import { toasts } from '../services/toasts.js';
import { icon } from '../icons.js';
import { formatDateTime } from '../i18n/format.js';
import { linkMentionsInHtml, mentionText } from '../mention-text.js';
import { shared } from '../styles/shared.js';
import { postKindName } from '../post-labels.js';
import './kj-care-star.js';
import './kj-avatar.js';
import './kj-comment-preview.js';
import './kj-link-card.js';
import './kj-comments.js';
import './kj-likers.js';
import './kj-report-button.js';
import './kj-mod-menu.js';
import './kj-repost-button.js';
import './kj-share-to-chat.js';
import './kj-repost-embed.js';
import { postVideo, postVideoStyles } from './post-video.js';

const statusNote: Partial<Record<PostDto['status'], () => string>> = {
  review: () => msg('Being previewed — only you can see it until a moderator approves it.', { id: 'post.reviewMine' }),
  held: () => msg('Held for review — only you can see it until a moderator approves it.', { id: 'post.heldMine' }),
  scheduled: () => msg('Scheduled — only you can see it until it is published.', { id: 'schedule.mine' }),
  rejected: () => msg('Rejected by a moderator — only you can see it.', { id: 'post.rejectedMine' }),
};

const othersNote: Partial<Record<PostDto['status'], () => string>> = {
  review: () => msg('Being previewed — visible to its author until approved.', { id: 'post.reviewOthers' }),
  held: () => msg('Held for review — visible to its author until approved.', { id: 'post.heldOthers' }),
  rejected: () => msg('Rejected — visible to its author only.', { id: 'post.rejectedOthers' }),
};

/**
 * One post: author, text (diary bodies as the hub sanitised them), photos, likes and comments,
 * all kept live while the card is on screen.
 * @fires post-removed - detail `{ postId }`, after its author deleted it
 * @csspart card - the card container
 */
@localized()
@customElement('kj-post-card')
export class KjPostCard extends LitElement {
  static override styles = [
    shared,
    postVideoStyles,
    css`
      .head { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; }
      .who { flex: 1; min-width: 0; }
      .who a { font-weight: 700; color: var(--kj-text); }
      .text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 10px 0; }
      .diary h3 { margin: 10px 0 4px; font-size: 1.1rem; }
      .diary .body { overflow-wrap: anywhere; }
      .diary .body img { max-width: 100%; }
      .photos { display: grid; grid-template-columns: repeat(3, 1fr); gap: 4px; max-width: 420px; margin: 8px 0; }
      .photos.one { grid-template-columns: 1fr; max-width: 320px; }
      .photos img { width: 100%; aspect-ratio: 1; object-fit: cover; border-radius: 6px; background: var(--kj-accent-soft); }
      .actions { display: flex; flex-wrap: wrap; gap: 4px; border-top: 1px solid var(--kj-line); padding-top: 8px; margin-top: 8px; }
      .actions button { border-color: transparent; }
      .actions button svg { color: var(--kj-muted); }
      .liked, .actions button.liked svg { color: #e03131; font-weight: 700; }
      .note { margin-top: 8px; font-size: 0.88rem; }
    `,
  ];

  @property({ attribute: false }) post!: PostDto;
  /** Opens the comments at once (the `/post/:id` page). */
  @property({ type: Boolean, attribute: 'open-comments' }) openComments = false;
  @state() private likes = 0;
  @state() private liked = false;
  @state() private commentCount = 0;
  @state() private reposts = 0;
  /** v1.2: the first link's preview, which may arrive live after the post (`post:preview`). */
  @state() private preview: LinkPreviewDto | undefined;
  /** Comment ids already taken off, so a local deletion and its live echo count once. */
  private readonly gone = new Set<string>();
  private commentsLoad: Promise<void> | null = null;
  @state() private comments: CommentDto[] | null = null;
  @state() private showComments = false;
  private readonly session = new SessionController(this);
  private readonly loads = new FetchScope(this);

  constructor() {
    super();
    new WatchController(this, () => this.post?.id);
    new LiveEvents(this)
      .on('post:likes', ({ postId, likes }) => {
        if (postId === this.post.id) this.likes = likes;
      })
      .on('post:reposts', ({ postId, reposts }) => {
        if (postId === this.post.id) this.reposts = reposts;
      })
      .on('post:preview', ({ postId, preview }) => {
        if (postId === this.post.id) this.preview = preview;
      })
      .on('post:comment', ({ postId, comment }) => {
        if (postId !== this.post.id) return;
        const known = this.comments?.find((c) => c.id === comment.id);
        // The reader's held comment approved: it comes again, published; the "held" note goes, and now it counts.
        if (known && known.status !== comment.status && this.comments) {
          this.comments = this.comments.map((c) => (c.id === comment.id ? comment : c));
          if (comment.status === 'published' || !comment.status) this.commentCount += 1;
          return;
        }
        if (known) return;
        if (this.comments) this.comments = [...this.comments, comment];
        // The first comment of a post nobody had commented on: it is the whole list, so the feed shows it inline.
        else if (this.commentCount === 0) this.comments = [comment];
        this.commentCount += 1;
      })
      .on('post:comment:remove', ({ postId, commentIds, removed }) => {
        if (postId === this.post.id) this.dropComments(commentIds, removed);
      });
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('post')) {
      this.likes = this.post.counts.likes;
      this.commentCount = this.post.counts.comments;
      this.reposts = this.post.counts.reposts ?? 0;
      // A preview that came live stays when the same post is handed in again without it.
      const before = changed.get('post') as PostDto | undefined;
      this.preview = this.post.preview ?? (before?.id === this.post.id ? this.preview : undefined);
      this.liked = this.post.liked ?? false;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved within the page: a comments load cut short by the move starts again.
    if (this.hasUpdated && !this.comments && (this.showComments || this.commentCount > 0)) void this.loadComments();
  }

  override firstUpdated(): void {
    if (this.openComments && !this.showComments) void this.toggleComments();
    // The feed shows a post's newest comments inline: load them for posts that have any.
    else if (this.commentCount > 0) void this.loadComments();
  }

  override render() {
    const p = this.post;
    const mine = p.author.id === this.session.me?.id;
    // A moderator looking at the queue is not the "you" the author's notes speak to.
    const note = (mine ? statusNote : othersNote)[p.status]?.();
    return html`<article class="card" part="card" data-post-id=${p.id} aria-labelledby=${`by-${p.id}`}>
      <div class="head">
        <kj-avatar .user=${p.author} size="42"></kj-avatar>
        <div class="who">
          <a id=${`by-${p.id}`} href=${`/space/${p.author.handle}`}>${p.author.displayName}</a>${mine ? null : html`<kj-care-star user-id=${p.author.id}></kj-care-star>`}
          <div class="muted">
            <time datetime=${p.createdAt} title=${formatDateTime(p.createdAt)}>${timeAgo(p.createdAt)}</time>
            · ${postKindName[p.kind]()} · ${privacyLabel[p.privacy]}
          </div>
        </div>
        ${
          !mine && this.session.me?.role === 'moderator'
            ? html`<kj-mod-menu ?can-unpublish=${p.status === 'published'} @mod-unpublish=${this.unpublish} @mod-delete=${this.deletePost}></kj-mod-menu>`
            : null
        }
        ${!mine && this.session.me && this.session.me.role !== 'moderator' ? html`<kj-report-button kind="post" subject-id=${p.id} owner=${p.author.displayName}></kj-report-button>` : null}
        ${
          mine
            ? html`<button class="ghost danger" @click=${this.deletePost}>${msg('Delete', { id: 'common.delete' })}<span class="sr-only"> ${msg('this post', { id: 'post.thisPost' })}</span></button>`
            : null
        }
      </div>
      ${
        p.kind === 'diary'
          ? html`<div class="diary"><h3>${p.title}</h3><div class="body">${unsafeHTML(linkMentionsInHtml(p.text, p.mentions))}</div></div>`
          : p.text
            ? html`<p class="text">${mentionText(p.text, p.mentions)}</p>`
            : null
      }
      ${p.kind === 'repost' ? html`<kj-repost-embed repost-id=${p.id} .original=${p.repostOf}></kj-repost-embed>` : null}
      ${
        p.images.length
          ? html`<div class="photos ${p.images.length === 1 ? 'one' : ''}">
            ${p.images.map((img) => html`<a href=${img.url} target="_blank" rel="noopener"><img src=${img.thumbUrl} alt=${msg('Photo', { id: 'post.photo' })} loading="lazy" /></a>`)}
          </div>`
          : null
      }
      ${p.video ? postVideo(p.video) : null}
      ${this.preview ? html`<kj-link-card .preview=${this.preview}></kj-link-card>` : null}
      ${note ? html`<p class="notice note" data-status=${p.status}>${note}</p>` : null}
      <div class="actions">
        <button class=${this.liked ? 'liked' : ''} aria-pressed=${this.liked ? 'true' : 'false'} @click=${this.toggleLike}>
          ${icon('heart')} ${msg('Like', { id: 'post.like' })} <span class="count" data-testid="likes">${this.likes}</span>
        </button>
        <button aria-expanded=${this.showComments ? 'true' : 'false'} @click=${this.toggleComments}>
          ${icon('comment')} ${msg('Comments', { id: 'post.comments' })} <span data-testid="comment-count">${this.commentCount}</span>
        </button>
        ${this.repostButton()}
        ${this.session.me && p.status === 'published' ? html`<kj-share-to-chat .postId=${p.id}></kj-share-to-chat>` : null}
      </div>
      <kj-likers post-id=${p.id} .likes=${this.likes}></kj-likers>
      ${
        !this.showComments && this.comments?.length
          ? html`<kj-comment-preview .comments=${this.comments} .total=${this.commentCount} @show-all=${this.toggleComments}></kj-comment-preview>`
          : null
      }
      ${
        this.showComments
          ? html`<kj-comments .postId=${p.id} .postAuthorId=${p.author.id} .comments=${this.comments} @comment-added=${this.onCommentAdded}
            @comment-removed=${(e: CustomEvent<{ commentIds: string[] }>) => this.dropComments(e.detail.commentIds)}></kj-comments>`
          : null
      }
    </article>`;
  }

  /** The answer embeds the original as it is now: its count already holds this repost (and any pushed before it). */
  private readonly reposted = (e: CustomEvent<{ post: PostDto }>): void => {
    this.reposts = e.detail.post.repostOf?.counts.reposts ?? this.reposts + 1;
  };

  /** Reposting a repost reposts its original (the count shown is the original's); none when it is unavailable. */
  private repostButton() {
    const p = this.post;
    if (!this.session.me || p.status !== 'published') return null;
    if (p.kind !== 'repost') {
      return html`<kj-repost-button .post=${p} .count=${this.reposts} @post-reposted=${this.reposted}></kj-repost-button>`;
    }
    return p.repostOf ? html`<kj-repost-button .post=${p.repostOf} .count=${p.repostOf.counts.reposts ?? 0}></kj-repost-button>` : null;
  }

  private async toggleLike(): Promise<void> {
    const like = !this.liked;
    this.liked = like;
    try {
      const res = await api.call(like ? 'PUT /posts/:id/like' : 'DELETE /posts/:id/like', { params: { id: this.post.id } });
      this.likes = res.likes;
      this.liked = res.liked;
    } catch (err) {
      this.liked = !like;
      toasts.show(`${msg('Could not update your like', { id: 'post.likeFailed' })}: ${errorText(err)}`, { tone: 'error' });
    }
  }

  private async toggleComments(): Promise<void> {
    this.showComments = !this.showComments;
    if (this.showComments && !this.comments) await this.loadComments();
  }

  /** Loads the thread once (the inline preview and opening the thread share one request). */
  private loadComments(): Promise<void> {
    this.commentsLoad ??= this.fetchComments();
    return this.commentsLoad;
  }

  private async fetchComments(): Promise<void> {
    try {
      const { comments } = await api.call('GET /posts/:id/comments', { params: { id: this.post.id }, signal: this.loads.next() });
      // Live comments may have come first; keep one of each.
      const seen = new Set(comments.map((c) => c.id));
      const live = this.comments ?? [];
      this.comments = [...comments, ...live.filter((c) => !seen.has(c.id))];
    } catch (err) {
      // Cancelled because the card left the page: nothing to tell, and a later load may run.
      if (isAbort(err)) {
        this.commentsLoad = null;
        return;
      }
      toasts.show(`${msg('Could not load comments', { id: 'post.commentsFailed' })}: ${errorText(err)}`, { tone: 'error' });
      this.comments = [];
    }
  }

  private onCommentAdded(e: CustomEvent<{ comment: CommentDto }>): void {
    const { comment } = e.detail;
    if (this.comments?.some((c) => c.id === comment.id)) return;
    this.comments = [...(this.comments ?? []), comment];
    // A held or previewed comment counts once a moderator approves it (it comes again, published).
    if (!comment.pending && (!comment.status || comment.status === 'published')) this.commentCount += 1;
  }

  /**
   * Comments gone (deleted here, or pushed live): off the list, and off the count once. `removed`
   * is the hub's count of published ones; for a local deletion, the published ones this card shows.
   */
  private dropComments(commentIds: readonly string[], removed?: number): void {
    const first = commentIds[0];
    if (!first || this.gone.has(first)) return;
    for (const id of commentIds) this.gone.add(id);
    const ids = new Set(commentIds);
    const shown = (this.comments ?? []).filter((c) => ids.has(c.id));
    this.comments = this.comments?.filter((c) => !ids.has(c.id)) ?? null;
    const counted = removed ?? shown.filter((c) => !c.status || c.status === 'published').length;
    this.commentCount = Math.max(0, this.commentCount - counted);
  }

  /** A moderator takes a published post down (it leaves every feed; the author keeps nothing visible). */
  private async unpublish(): Promise<void> {
    await this.takeDown(
      msg('Unpublish this post? It leaves every feed.', { id: 'modLive.unpublishConfirm' }),
      () => api.call('POST /moderation/posts/:postId/unpublish', { params: { postId: this.post.id } }),
      errorText,
    );
  }

  private async deletePost(): Promise<void> {
    await this.takeDown(
      msg('Delete this post?', { id: 'post.deleteConfirm' }),
      () => api.call('DELETE /posts/:id', { params: { id: this.post.id } }),
      (err) => `${msg('Could not delete', { id: 'post.deleteFailed' })}: ${errorText(err)}`,
    );
  }

  /** Takes the post off once the reader confirms `question`; the list it is in drops it (`post-removed`), a failure is a toast. */
  private async takeDown(question: string, send: () => Promise<unknown>, failure: (err: unknown) => string): Promise<void> {
    if (!confirm(question)) return;
    try {
      await send();
      this.dispatchEvent(new CustomEvent('post-removed', { detail: { postId: this.post.id }, bubbles: true, composed: true }));
    } catch (err) {
      toasts.show(failure(err), { tone: 'error' });
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-post-card': KjPostCard;
  }
}
