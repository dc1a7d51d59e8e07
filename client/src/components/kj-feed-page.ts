import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { PostDto } from '../../../shared/dto.js';
import { LiveFeedController } from '../controllers/live-feed-controller.js';
import { formatNumber, plural } from '../i18n/format.js';
import { shared } from '../styles/shared.js';
import './kj-composer.js';
import './kj-friend-suggestions.js';
import './kj-friends-panel.js';
import './kj-post-card.js';
import './kj-scheduled-posts.js';
import { errorNotice } from '../error-notice.js';

/** The information center: what friends posted, newest first, arriving live. */
@localized()
@customElement('kj-feed-page')
export class KjFeedPage extends LitElement {
  static override styles = [
    shared,
    css`
      .layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 20px; align-items: start; }
      .feed { display: flex; flex-direction: column; gap: 14px; }
      h1 { margin: 0 0 4px; font-size: 1.3rem; }
      .newbar {
        position: fixed; top: 76px; left: 50%; transform: translateX(-50%); z-index: 20;
        background: var(--kj-accent-strong); color: #fff; border: none; box-shadow: 0 4px 14px rgb(0 0 0 / 0.2);
      }
      .newbar:hover:not(:disabled) { background: #b93a09; }
      .empty { text-align: center; padding: 32px 16px; }
      .more { align-self: center; }
      aside { position: sticky; top: 12px; }
      @media (max-width: 860px) {
        .layout { grid-template-columns: 1fr; }
        aside { position: static; }
      }
    `,
  ];

  private readonly feed = new LiveFeedController(this);

  override render() {
    const { posts, pending, loading, error, next } = this.feed;
    return html`<div class="layout">
      <section class="feed" aria-labelledby="feed-title">
        <h1 id="feed-title">${msg('Information center', { id: 'feed.title' })}</h1>
        <kj-composer @post-created=${this.onCreated}></kj-composer>
        <kj-scheduled-posts></kj-scheduled-posts>
        ${
          pending.length
            ? html`<button class="newbar" @click=${() => this.feed.showPending()}>
              ↑ ${plural(pending.length, {
                one: () => msg('1 new post', { id: 'feed.newPost' }),
                other: () => msg(str`${formatNumber(pending.length)} new posts`, { id: 'feed.newPosts' }),
              })}
            </button>`
            : null
        }
        ${errorNotice(error)}
        ${
          // A feed holds articles: an empty, settled one is not rendered as a feed at all (axe: aria-required-children).
          posts.length || loading
            ? html`<div class="feed" role="feed" aria-busy=${loading ? 'true' : 'false'} aria-label=${msg('Posts', { id: 'feed.posts' })} @post-removed=${this.onRemoved}>
                ${repeat(
                  posts,
                  (p) => p.id,
                  (p) => html`<kj-post-card .post=${p}></kj-post-card>`,
                )}
              </div>`
            : null
        }
        ${
          !loading && posts.length === 0
            ? html`<div class="card empty">
              <p><b>${msg('Your feed is quiet.', { id: 'feed.quiet' })}</b></p>
              <p class="muted">${msg('Write your first shuoshuo above, or add friends to see theirs here.', { id: 'feed.quietHint' })}</p>
            </div>`
            : null
        }
        ${loading ? html`<p class="muted" role="status">${msg('Loading…', { id: 'common.loading' })}</p>` : null}
        ${next && !loading ? html`<button class="more" @click=${() => this.feed.loadMore()}>${msg('Show older posts', { id: 'feed.older' })}</button>` : null}
      </section>
      <aside><kj-friends-panel></kj-friends-panel><kj-friend-suggestions style="display:block;margin-top:16px"></kj-friend-suggestions></aside>
    </div>`;
  }

  /** A new post joins the feed; a scheduled one waits in the list of scheduled posts instead. */
  private readonly onCreated = (e: CustomEvent<{ post: PostDto }>): void => {
    const { post } = e.detail;
    if (post.status === 'scheduled') this.renderRoot.querySelector('kj-scheduled-posts')?.add(post);
    else this.feed.addOwn(post);
  };

  private onRemoved(e: CustomEvent<{ postId: string }>): void {
    this.feed.remove(e.detail.postId);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-feed-page': KjFeedPage;
  }
}
