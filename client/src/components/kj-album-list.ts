import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AlbumDto, PhotoDto } from '../../../shared/dto.js';
import { privacyLabel } from '../format.js';
import { ApiError, api, errorText, isAbort } from '../services/api.js';
import { icon } from '../icons.js';
import { formatNumber, plural } from '../i18n/format.js';
import { shared } from '../styles/shared.js';

/** The owner's albums as covers; opening one shows its photos. */
@localized()
@customElement('kj-album-list')
export class KjAlbumList extends LitElement {
  static override styles = [
    shared,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 10px; }
      .album { display: flex; flex-direction: column; align-items: stretch; padding: 6px; border-radius: 10px; text-align: left; }
      .cover { aspect-ratio: 4 / 3; border-radius: 8px; background: linear-gradient(135deg, #ffe8cc, #ffd8a8); object-fit: cover; width: 100%; display: grid; place-items: center; font-size: 1.8rem; }
      .photos img { width: 100%; aspect-ratio: 1; object-fit: cover; border-radius: 6px; }
    `,
  ];

  @property() handle = '';
  @state() private albums: AlbumDto[] = [];
  @state() private open: AlbumDto | null = null;
  @state() private photos: PhotoDto[] = [];
  @state() private error = '';
  private abort: AbortController | null = null;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('handle')) void this.load();
  }

  override render() {
    return html`<section class="card" aria-labelledby="albums-title">
      <div class="row spread">
        <h2 id="albums-title">${icon('image', 18)} ${msg('Albums', { id: 'space.albums' })}</h2>
        ${this.open ? html`<button class="ghost" @click=${() => (this.open = null)}>${msg('← All albums', { id: 'albums.all' })}</button>` : null}
      </div>
      ${this.error ? html`<p class="muted">${this.error}</p>` : null}
      ${this.open ? this.openAlbum(this.open) : this.covers()}
    </section>`;
  }

  private covers() {
    if (this.albums.length === 0) return html`<p class="muted">${msg('No albums yet.', { id: 'albums.none' })}</p>`;
    return html`<div class="grid">
      ${this.albums.map(
        (a) => html`<button class="album ghost" @click=${() => this.show(a)} aria-label=${msg(str`Open album ${a.title}`, { id: 'albums.open' })}>
          ${a.coverThumbUrl ? html`<img class="cover" src=${a.coverThumbUrl} alt="" />` : html`<span class="cover" aria-hidden="true">${icon('image', 32)}</span>`}
          <b>${a.title}</b><span class="muted">${plural(a.photoCount, { one: () => msg('1 photo', { id: 'albums.photo' }), other: () => msg(str`${formatNumber(a.photoCount)} photos`, { id: 'albums.photos' }) })} · ${privacyLabel[a.privacy]}</span>
        </button>`,
      )}
    </div>`;
  }

  private openAlbum(album: AlbumDto) {
    return html`<h3>${album.title}</h3>
      <div class="grid photos">
        ${this.photos.map((p) => html`<a href=${p.url} target="_blank" rel="noopener"><img src=${p.thumbUrl} alt=${msg(str`Photo in ${album.title}`, { id: 'albums.photoIn' })} loading="lazy" /></a>`)}
      </div>
      ${this.photos.length === 0 ? html`<p class="muted">${msg('This album is empty.', { id: 'albums.empty' })}</p>` : null}`;
  }

  private async load(): Promise<void> {
    try {
      this.albums = (await api.get<{ albums: AlbumDto[] }>(`/spaces/${this.handle}/albums`)).albums;
    } catch (err) {
      // A hub without albums (or a space without any) simply shows none.
      if (!(err instanceof ApiError && err.code === 'not_found')) this.error = errorText(err);
    }
  }

  private async show(album: AlbumDto): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.open = album;
    this.photos = [];
    try {
      this.photos = (await api.get<{ photos: PhotoDto[] }>(`/albums/${album.id}/photos`, { signal: abort.signal })).photos;
    } catch (err) {
      if (!isAbort(err)) this.error = errorText(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-album-list': KjAlbumList;
  }
}
