/**
 * The friend feed, live: the first page from REST, then `feed:post` entries at the top (or, when the
 * reader has scrolled down, into a "N new posts" bar so nothing jumps), `feed:remove` removals, and
 * after a reconnect the first page again, merged by id, to catch up on what was pushed meanwhile.
 */
import type { ReactiveControllerHost } from 'lit';
import type { PostDto, UserDto } from '../../../shared/dto.js';
import { api, errorText, isAbort } from '../services/api.js';
import { FetchScope } from './fetch-scope.js';
import { LiveEvents } from './live-events.js';

const pageSize = 20;
/** Above this scroll offset the reader is "down the page" and new posts wait in the bar. */
const nearTopPx = 120;

const byNewest = (a: PostDto, b: PostDto) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

export class LiveFeedController {
  posts: PostDto[] = [];
  /** Arrived while the reader was scrolled down; shown once they ask. */
  pending: PostDto[] = [];
  next: string | null = null;
  loading = false;
  error = '';
  private readonly loads: FetchScope;
  /** Whether the first page has come (until then a catch-up reads it again instead). */
  private firstLoaded = false;

  constructor(private readonly host: ReactiveControllerHost) {
    new LiveEvents(host)
      .on('feed:post', ({ post }) => this.arrive([post]))
      .on('feed:remove', ({ postId }) => this.remove(postId))
      // A friend's new name or avatar shows on their posts at once; someone gone takes their posts along.
      .on('user:updated', ({ user }) => this.patchAuthor(user))
      .on('user:gone', ({ userId }) => this.dropAuthor(userId))
      .onConnected((missed) => {
        if (missed) void this.catchUp();
      });
    this.loads = new FetchScope(host, { read: () => this.loadFirst() });
  }

  /** Shows the waiting posts and goes to the top. */
  showPending(): void {
    this.posts = this.merge(this.posts, this.pending);
    this.pending = [];
    this.host.requestUpdate();
    window.scrollTo({ top: 0, behavior: 'smooth' });
  }

  /** A post the reader just wrote: at the top at once, whatever the scroll. */
  addOwn(post: PostDto): void {
    this.posts = this.merge(this.posts, [post]);
    this.host.requestUpdate();
  }

  remove(postId: string): void {
    this.posts = this.posts.filter((p) => p.id !== postId);
    this.pending = this.pending.filter((p) => p.id !== postId);
    this.host.requestUpdate();
  }

  private patchAuthor(user: UserDto): void {
    const patch = (p: PostDto): PostDto => (p.author.id === user.id ? { ...p, author: user } : p);
    this.posts = this.posts.map(patch);
    this.pending = this.pending.map(patch);
    this.host.requestUpdate();
  }

  private dropAuthor(userId: string): void {
    this.posts = this.posts.filter((p) => p.author.id !== userId);
    this.pending = this.pending.filter((p) => p.author.id !== userId);
    this.host.requestUpdate();
  }

  async loadMore(): Promise<void> {
    if (!this.next || this.loading) return;
    const page = await this.fetchPage(this.next);
    if (!page) return;
    this.posts = this.merge(this.posts, page.posts);
    this.next = page.next;
    this.host.requestUpdate();
  }

  private async loadFirst(): Promise<void> {
    const page = await this.fetchPage();
    if (!page) return;
    this.firstLoaded = true;
    this.posts = page.posts;
    this.pending = [];
    this.next = page.next;
    this.host.requestUpdate();
  }

  private async catchUp(): Promise<void> {
    // The first page never came (its read failed): read it as a first page, with its `next`.
    if (!this.firstLoaded) return this.loadFirst();
    const page = await this.fetchPage();
    if (!page) return;
    // Within the first page's time span the hub's answer is the truth: removed posts go, counts refresh.
    const oldest = page.posts.at(-1)?.createdAt ?? '';
    const older = page.next ? this.posts.filter((p) => p.createdAt < oldest) : [];
    const known = new Set(this.posts.map((p) => p.id));
    this.posts = this.merge(
      older,
      page.posts.filter((p) => known.has(p.id)),
    );
    this.arrive(page.posts.filter((p) => !known.has(p.id)));
    this.host.requestUpdate();
  }

  private arrive(posts: readonly PostDto[]): void {
    // A post already shown that comes again with a new status (a held post approved) replaces itself in place.
    const changed = posts.filter((p) => this.posts.some((q) => q.id === p.id && q.status !== p.status));
    if (changed.length) {
      this.posts = this.merge(
        this.posts,
        changed.map((p) => ({ ...p, liked: this.posts.find((q) => q.id === p.id)?.liked ?? false })),
      );
      this.host.requestUpdate();
    }
    const known = new Set([...this.posts, ...this.pending].map((p) => p.id));
    const fresh = posts.filter((p) => !known.has(p.id));
    if (fresh.length === 0) return;
    if (window.scrollY > nearTopPx) this.pending = this.merge(this.pending, fresh);
    else this.posts = this.merge(this.posts, fresh);
    this.host.requestUpdate();
  }

  private merge(into: readonly PostDto[], posts: readonly PostDto[]): PostDto[] {
    const byId = new Map(into.map((p) => [p.id, p]));
    for (const p of posts) byId.set(p.id, p);
    return [...byId.values()].sort(byNewest);
  }

  private async fetchPage(before?: string): Promise<{ posts: PostDto[]; next: string | null } | null> {
    const signal = this.loads.next();
    this.loading = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      return await api.call('GET /feed', { query: { limit: pageSize, ...(before ? { before } : {}) }, signal });
    } catch (err) {
      if (!isAbort(err)) this.error = errorText(err);
      return null;
    } finally {
      if (this.loads.signal === signal) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }
}
