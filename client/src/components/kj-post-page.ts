import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PostDto } from '../../../shared/dto.js';
import { LiveEvents } from '../controllers/live-events.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { api } from '../services/api.js';
import { shared } from '../styles/shared.js';
import './kj-post-card.js';

/**
 * `/post/:id`: one post with its comments open, where a like, comment, reply or mention
 * notification leads. Kept live by the card; a deletion while open says so instead of a stale card.
 */
@localized()
@customElement('kj-post-page')
export class KjPostPage extends LitElement {
  static override styles = [shared];

  @property() postId = '';
  @state() private post: PostDto | null = null;
  @state() private error = '';
  @state() private gone = false;
  private readonly loads = new FetchScope(this, { read: () => this.load(), key: () => this.postId });

  constructor() {
    super();
    new LiveEvents(this)
      .on('feed:remove', ({ postId }) => {
        if (postId === this.postId) this.gone = true;
      })
      .on('feed:post', ({ post }) => {
        // The held post on this page was approved: show it published (its banner goes).
        if (post.id === this.postId && this.post && this.post.status !== post.status)
          this.post = { ...post, liked: this.post.liked ?? false };
      });
  }

  override render() {
    const back = html`<p><a href="/">${msg('← Back to the feed', { id: 'postPage.back' })}</a></p>`;
    if (this.gone) return html`${back}<p class="card" role="status">${msg('This post was deleted.', { id: 'postPage.deleted' })}</p>`;
    if (this.error)
      return html`${back}<div class="card" role="alert"><h1>${msg('Post not found', { id: 'postPage.notFound' })}</h1><p>${this.error}</p></div>`;
    if (!this.post) return html`<p class="muted" role="status">${msg('Opening the post…', { id: 'postPage.loading' })}</p>`;
    // Every page has an h1 (screen-reader users jump to it); the card itself shows who wrote it.
    return html`${back}<h1 class="sr-only">${msg(str`Post by ${this.post.author.displayName}`, { id: 'postPage.title' })}</h1><kj-post-card .post=${this.post} open-comments @post-removed=${() => (this.gone = true)}></kj-post-card>`;
  }

  private async load(): Promise<void> {
    this.post = null;
    this.error = '';
    this.gone = false;
    await this.loads.load(
      async (signal) => {
        this.post = (await api.call('GET /posts/:id', { params: { id: this.postId }, signal })).post;
      },
      (message) => (this.error = message),
      { not_found: msg('It was deleted, or you may not see it.', { id: 'postPage.notVisible' }) },
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-post-page': KjPostPage;
  }
}
