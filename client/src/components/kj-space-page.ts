import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PostDto, SpaceDto, UserDto } from '../../../shared/dto.js';
import { SessionController } from '../controllers/session-controller.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { LiveEvents } from '../controllers/live-events.js';
import { RoomWatch, spaceRoom } from '../controllers/room-watch.js';
import { StoreController } from '../controllers/store-controller.js';
import { api, errorText, isAbort } from '../services/api.js';
import { realtime } from '../services/realtime.js';
import { readSpace, spacePageSize } from '../services/spaces.js';
import { toasts } from '../services/toasts.js';
import { shared } from '../styles/shared.js';
import { blocks } from '../services/blocks.js';
import './kj-block-button.js';
import './kj-message-button.js';
import './kj-moderator-tools.js';
import './kj-space-view.js';

/**
 * `/space/:handle`: loads the space and its posts, records the visit (`space:enter`), and hands
 * everything to `<kj-space-view>`, which draws it the way its owner designed it.
 */
@localized()
@customElement('kj-space-page')
export class KjSpacePage extends LitElement {
  static override styles = [
    shared,
    css`.owner-actions { display: flex; justify-content: flex-end; align-items: center; gap: 10px; margin-bottom: 8px; } .owner-actions p { margin: 0; }`,
  ];

  @property() handle = '';
  /** A module to bring into view once the space is drawn (`/space/:handle/guestbook`). */
  @property() section = '';
  @state() private space: SpaceDto | null = null;
  @state() private posts: PostDto[] = [];
  /** The cursor of the next older page of posts, or null when all are shown. */
  @state() private next: string | null = null;
  @state() private loadingMore = false;
  @state() private error = '';
  /** The owner is gone for this reader (deleted, or blocked them) while the space was open. */
  @state() private unavailable = false;
  private readonly session = new SessionController(this);
  private readonly blocks = new StoreController(this, blocks);
  private readonly loads = new FetchScope(this, { read: () => this.load(), key: () => this.handle });
  private enteredFor = '';
  /** The space's look follows the hub while it is open (`space:updated`); after a (re)watch it is read again. */
  private readonly room = new RoomWatch(this, spaceRoom, { key: () => this.handle, onWatched: () => void this.refreshLook() });

  constructor() {
    super();
    new LiveEvents(this)
      .on('feed:post', ({ post }) => {
        if (post.author.handle !== this.handle) return;
        if (!this.posts.some((p) => p.id === post.id)) this.posts = [post, ...this.posts];
        // A held post of the owner's approved: the same post, now published, replaces the held one.
        else this.posts = this.posts.map((p) => (p.id === post.id && p.status !== post.status ? { ...post, liked: p.liked ?? false } : p));
      })
      .on('feed:remove', ({ postId }) => (this.posts = this.posts.filter((p) => p.id !== postId)))
      .on('space:updated', ({ space }) => this.takeLook(space))
      // Only the owner hears of visits, and the hub pushes counted ones only: one event, one visit.
      .on('space:visitor', () => {
        const space = this.space;
        if (space && space.owner.id === this.session.me?.id)
          this.space = { ...space, stats: { ...space.stats, visits: space.stats.visits + 1 } };
      })
      // The owner's new name or avatar shows at once, on the card and on their posts.
      .on('user:updated', ({ user }) => {
        const space = this.space;
        if (!space || space.owner.id !== user.id) return;
        this.space = { ...space, owner: user };
        this.posts = this.posts.map((p) => (p.author.id === user.id ? { ...p, author: user } : p));
      })
      // The owner deleted their account or blocked this reader: nothing of theirs stays on screen.
      .on('user:gone', ({ userId }) => {
        if (this.space?.owner.id !== userId) return;
        this.space = null;
        this.posts = [];
        this.unavailable = true;
      })
      .onConnected(() => this.enter());
  }

  /** A new look of the space on screen (title, theme, layout, modules, music); the rest stays as shown. */
  private takeLook(next: SpaceDto): void {
    const space = this.space;
    if (!space || space.owner.id !== next.owner.id) return;
    const { title, theme, modules, music } = next;
    this.space = { ...space, title, theme, modules, music };
    document.title = `${title} · 空间 Kongjian`;
  }

  private async refreshLook(): Promise<void> {
    if (!this.space) return;
    try {
      this.takeLook((await api.call('GET /spaces/:handle', { params: { handle: this.handle }, signal: this.loads.signal })).space);
    } catch {
      // aborted or offline: the next connect reads again
    }
  }

  override render() {
    if (this.unavailable)
      return html`<div class="card" role="status"><h1>${msg('This space is not available', { id: 'blocking.unavailable' })}</h1><p>${msg('Its owner has left or is no longer sharing it with you.', { id: 'blocking.unavailableBody' })}</p><a href="/">${msg('Back to the feed', { id: 'app.backToFeed' })}</a></div>`;
    if (this.error)
      return html`<div class="card"><h1>${msg('Space not found', { id: 'space.notFound' })}</h1><p>${this.error}</p><a href="/">${msg('Back to the feed', { id: 'app.backToFeed' })}</a></div>`;
    if (!this.space) return html`<p class="muted" role="status">${msg('Opening the space…', { id: 'space.opening' })}</p>`;
    const space = this.space;
    return html`${
      this.session.me?.role === 'moderator'
        ? html`<kj-moderator-tools .space=${space} style="margin-bottom:12px"
            @space-certified=${(e: CustomEvent<{ certified: boolean }>) => (this.space = { ...space, certified: e.detail.certified })}
            @tier-changed=${(e: CustomEvent<{ user: UserDto }>) => (this.space = { ...space, owner: { ...space.owner, tier: e.detail.user.tier } })}></kj-moderator-tools>`
        : null
    }
      ${
        this.session.me && this.session.me.id !== space.owner.id
          ? html`<div class="owner-actions">
            ${
              this.blocks.store.has(space.owner.id)
                ? html`<p class="muted" role="status">${msg(str`You block ${space.owner.displayName}: they cannot see your space or reach you.`, { id: 'blocking.youBlock' })}</p>`
                : null
            }
            <kj-message-button .handle=${space.owner.handle} .name=${space.owner.displayName}></kj-message-button>
            <kj-block-button .user=${space.owner} @block-change=${() => void this.load({ keepShown: true })}></kj-block-button>
          </div>`
          : null
      }
      <kj-space-view .space=${this.space} .posts=${this.posts} .viewer=${this.session.me}
      @post-removed=${(e: CustomEvent<{ postId: string }>) => (this.posts = this.posts.filter((p) => p.id !== e.detail.postId))}></kj-space-view>
      ${
        this.next
          ? html`<p style="text-align:center"><button ?disabled=${this.loadingMore} @click=${this.more}>${msg('Older posts', { id: 'spacePaging.older' })}</button></p>`
          : this.posts.length >= spacePageSize
            ? html`<p class="muted" style="text-align:center">${msg('That is everything.', { id: 'spacePaging.end' })}</p>`
            : null
      }`;
  }

  /** The next older page, appended (a live post may have arrived meanwhile: one of each). */
  private async more(): Promise<void> {
    const before = this.next;
    if (!before || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const page = await api.call('GET /spaces/:handle/posts', {
        params: { handle: this.handle },
        query: { limit: spacePageSize, before },
        signal: this.loads.signal,
      });
      const known = new Set(this.posts.map((p) => p.id));
      this.posts = [...this.posts, ...page.posts.filter((p) => !known.has(p.id))];
      this.next = page.next;
    } catch (err) {
      if (!isAbort(err)) toasts.show(errorText(err), { tone: 'error' });
    } finally {
      this.loadingMore = false;
    }
  }

  /** Loads the space and its first page of posts; `keepShown` leaves the current one on screen until then. */
  private async load({ keepShown = false } = {}): Promise<void> {
    if (!keepShown) {
      this.space = null;
      this.enteredFor = '';
    }
    this.error = '';
    this.unavailable = false;
    await this.loads.load(
      async (signal) => {
        const { space, posts, next } = await readSpace(this.handle, signal);
        this.space = space;
        this.posts = posts;
        this.next = next;
        document.title = `${space.title} · 空间 Kongjian`;
        this.enter();
        if (!keepShown) void this.reveal();
      },
      (message) => (this.error = message),
    );
  }

  private async reveal(): Promise<void> {
    if (!this.section) return;
    await this.updateComplete;
    const view = this.renderRoot.querySelector('kj-space-view');
    await view?.updateComplete;
    view?.renderRoot.querySelector(`[data-module="${this.section}"]`)?.scrollIntoView({ block: 'start' });
  }

  /** Records the visit once per page view (the hub counts a visitor once per 30 minutes anyway). */
  private enter(): void {
    const space = this.space;
    if (!space || space.owner.id === this.session.me?.id || this.enteredFor === space.owner.handle) return;
    if (realtime.state !== 'online') return;
    this.enteredFor = space.owner.handle;
    realtime.request('space:enter', { handle: space.owner.handle }).catch(() => {
      this.enteredFor = '';
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-space-page': KjSpacePage;
  }
}
