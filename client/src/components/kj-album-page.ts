import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AlbumDto, PhotoDto, QuotaDto } from '../../../shared/dto.js';
import { albumTitle, photoCountText } from '../album-format.js';
import { RoomWatch, albumRoom } from '../controllers/room-watch.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { LiveEvents } from '../controllers/live-events.js';
import { SessionController } from '../controllers/session-controller.js';
import { privacyLabel } from '../format.js';
import { formatNumber } from '../i18n/format.js';
import { api, errorText } from '../services/api.js';
import { router } from '../services/router.js';
import { shared } from '../styles/shared.js';
import './kj-photo-uploader.js';
import './kj-photo-viewer.js';
import './kj-album-music.js';
import { errorNotice } from '../error-notice.js';
import { withLast } from '../id-lists.js';

/**
 * `/space/:handle/albums/:id`: one album's photos as thumbnails; a photo opens in the viewer.
 * Its owner uploads (several at once, with progress), captions and deletes photos, and deletes the album.
 */
@localized()
@customElement('kj-album-page')
export class KjAlbumPage extends LitElement {
  static override styles = [
    shared,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); gap: 8px; margin-top: 12px; }
      .thumb { padding: 0; border: none; border-radius: 8px; overflow: hidden; background: var(--kj-accent-soft); display: block; min-height: 0; }
      .thumb img { width: 100%; aspect-ratio: 1; object-fit: cover; display: block; }
      .stack { display: flex; flex-direction: column; gap: 16px; }
      h1 { margin: 4px 0; font-size: 1.3rem; }
      .layouts { display: flex; gap: 4px; margin-bottom: 4px; }
      .layouts button[aria-pressed='true'] { background: var(--kj-accent-soft); border-color: var(--kj-accent); font-weight: 700; }
      /* 照片墙: small tiles edge to edge, wide photos two columns, tall ones two rows, gaps filled. */
      .grid.wall { grid-template-columns: repeat(auto-fill, minmax(80px, 1fr)); grid-auto-rows: 80px; grid-auto-flow: dense; gap: 3px; }
      .wall .thumb { border-radius: 2px; }
      .wall .thumb img { aspect-ratio: auto; height: 100%; }
      .wall .wide { grid-column: span 2; }
      .wall .tall { grid-row: span 2; }
    `,
  ];

  @property() handle = '';
  @property() albumId = '';
  @state() private album: AlbumDto | null = null;
  @state() private photos: PhotoDto[] = [];
  @state() private quota: QuotaDto | null = null;
  @state() private viewing: number | null = null;
  @state() private error = '';
  /** The photo wall (照片墙) instead of the even grid. */
  @state() private wall = false;
  private readonly session = new SessionController(this);
  // Read again once the room is joined (after each connect): photos added or deleted before it are in that read.
  private readonly room = new RoomWatch(this, albumRoom, { key: () => this.albumId, onWatched: () => void this.load({ keep: true }) });
  private readonly loads = new FetchScope(this, { read: () => this.load(), key: () => this.albumId });

  constructor() {
    super();
    new LiveEvents(this)
      .on('album:photo', ({ albumId, photo }) => {
        if (albumId !== this.albumId) return;
        const known = this.photos.some((p) => p.id === photo.id);
        this.photos = known ? this.photos.map((p) => (p.id === photo.id ? photo : p)) : [...this.photos, photo];
      })
      .on('album:photo:remove', ({ albumId, photoId }) => {
        if (albumId === this.albumId) this.dropPhoto(photoId);
      })
      // v1.2: the album's card changed (its music, say): the page follows.
      .on('space:album', ({ album }) => {
        if (album.id === this.albumId && this.album) this.album = album;
      })
      // The owner deleted the album while it was open here: say so instead of an empty album.
      .on('space:album:remove', ({ albumId }) => {
        if (albumId !== this.albumId) return;
        this.viewing = null;
        this.album = null;
        this.photos = [];
        this.error = msg('It was deleted, or you may not see it.', { id: 'albumPage.gone' });
      });
  }

  private get isOwner(): boolean {
    return !!this.album && this.album.owner.id === this.session.me?.id;
  }

  override render() {
    const back = html`<p><a href=${`/space/${this.handle}/albums`}>${msg('← All albums', { id: 'albums.all' })}</a></p>`;
    if (this.error && !this.album)
      return html`${back}<div class="card" role="alert"><h2>${msg('Album not found', { id: 'albumPage.notFound' })}</h2><p>${this.error}</p></div>`;
    const album = this.album;
    if (!album) return html`<p class="muted" role="status">${msg('Opening the album…', { id: 'albumPage.opening' })}</p>`;
    return html`<div class="stack">
      <section class="card" aria-labelledby="album-title">
        ${back}
        <div class="row spread">
          <div>
            <h1 id="album-title">${albumTitle(album)}</h1>
            <span class="muted" data-testid="photo-count">${photoCountText(this.photos.length)} · ${privacyLabel[album.privacy]}</span>
          </div>
          ${this.isOwner ? html`<button class="danger" @click=${this.deleteAlbum}>${msg('Delete album', { id: 'albumPage.delete' })}</button>` : null}
        </div>
        ${errorNotice(this.error)}
        <kj-album-music .album=${album} ?editable=${this.isOwner} @album-changed=${(e: CustomEvent<{ album: AlbumDto }>) => (this.album = e.detail.album)}></kj-album-music>
        ${this.isOwner ? html`<kj-photo-uploader .albumId=${album.id} .quota=${this.quota} @photo-uploaded=${this.uploaded}></kj-photo-uploader>` : null}
      </section>
      <section class="card" aria-label=${msg('Photos', { id: 'albumPage.photos' })}>
        <div class="layouts" role="group" aria-label=${msg('Layout', { id: 'albumPage.layout' })}>
          <button type="button" aria-pressed=${this.wall ? 'false' : 'true'} @click=${() => (this.wall = false)}>${msg('Grid', { id: 'albumPage.grid' })}</button>
          <button type="button" aria-pressed=${this.wall ? 'true' : 'false'} @click=${() => (this.wall = true)}>${msg('Photo wall', { id: 'albumPage.wall' })}</button>
        </div>
        ${this.photos.length === 0 ? html`<p class="muted">${msg('This album is empty.', { id: 'albums.empty' })}</p>` : null}
        <div class="grid ${this.wall ? 'wall' : ''}" data-testid="photo-grid">
          ${repeat(
            this.photos,
            (p) => p.id,
            (p, i) => html`<button class="thumb ${this.wall ? tileShape(p) : ''}" data-photo-id=${p.id} @click=${() => (this.viewing = i)}
              aria-label=${p.caption ? msg(str`Open photo: ${p.caption}`, { id: 'albumPage.openCaptioned' }) : msg(str`Open photo ${formatNumber(i + 1)}`, { id: 'albumPage.openPhoto' })}>
            <img src=${p.thumbUrl} alt="" loading="lazy" />
          </button>`,
          )}
        </div>
      </section>
      ${
        this.viewing !== null
          ? html`<kj-photo-viewer .photos=${this.photos} .index=${this.viewing} ?editable=${this.isOwner}
            @viewer-close=${() => (this.viewing = null)}
            @viewer-move=${(e: CustomEvent<{ index: number }>) => (this.viewing = e.detail.index)}
            @photo-changed=${(e: CustomEvent<{ photo: PhotoDto }>) => (this.photos = this.photos.map((p) => (p.id === e.detail.photo.id ? e.detail.photo : p)))}
            @photo-deleted=${this.photoDeleted}></kj-photo-viewer>`
          : null
      }
    </div>`;
  }

  /**
   * Reads the album and its photos. Another album starts blank; `keep` reads the same one again in
   * place, so what is on screen (the uploader, its messages and uploads, an open photo) stays.
   */
  private async load({ keep = false } = {}): Promise<void> {
    if (!keep) {
      this.album = null;
      this.photos = [];
      this.error = '';
    }
    await this.loads.load(
      async (signal) => {
        const params = { id: this.albumId };
        const [{ album }, { photos }] = await Promise.all([
          api.call('GET /albums/:id', { params, signal }),
          api.call('GET /albums/:id/photos', { params, signal }),
        ]);
        this.album = album;
        this.photos = photos;
        if (this.viewing !== null && this.viewing >= photos.length) this.viewing = photos.length > 0 ? photos.length - 1 : null;
        if (this.isOwner) await this.refreshQuota();
      },
      (message) => (this.error = message),
      { not_found: msg('It was deleted, or you may not see it.', { id: 'albumPage.gone' }) },
    );
  }

  private async refreshQuota(): Promise<void> {
    try {
      this.quota = await api.call('GET /albums/quota', { signal: this.loads.signal });
    } catch {
      // The uploader falls back to the default limit; the hub still enforces the real one.
    }
  }

  private uploaded(e: CustomEvent<{ photo: PhotoDto }>): void {
    const { photo } = e.detail;
    this.photos = withLast(this.photos, photo);
    void this.refreshQuota();
  }

  private photoDeleted(e: CustomEvent<{ photoId: string }>): void {
    this.dropPhoto(e.detail.photoId);
    void this.refreshQuota();
  }

  /** A photo gone (here or live): the viewer stays on the next one (or the one before the last), or closes. */
  private dropPhoto(photoId: string): void {
    const index = this.photos.findIndex((p) => p.id === photoId);
    if (index < 0) return;
    this.photos = this.photos.filter((p) => p.id !== photoId);
    if (this.viewing === null) return;
    if (this.photos.length === 0) this.viewing = null;
    else if (index < this.viewing || this.viewing >= this.photos.length)
      this.viewing = Math.max(0, Math.min(this.viewing - (index < this.viewing ? 1 : 0), this.photos.length - 1));
  }

  private async deleteAlbum(): Promise<void> {
    const album = this.album;
    if (!album) return;
    const question = msg(
      str`Delete the album “${albumTitle(album)}” and its ${photoCountText(this.photos.length)}? This cannot be undone.`,
      { id: 'albumPage.deleteConfirm' },
    );
    if (!confirm(question)) return;
    try {
      await api.call('DELETE /albums/:id', { params: { id: album.id } });
      router.go(`/space/${this.handle}/albums`);
    } catch (err) {
      this.error = errorText(err);
    }
  }
}

/** On the photo wall: wide photos take two columns, tall ones two rows. */
function tileShape(p: PhotoDto): string {
  if (p.width > p.height * 1.4) return 'wide';
  if (p.height > p.width * 1.4) return 'tall';
  return '';
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-album-page': KjAlbumPage;
  }
}
