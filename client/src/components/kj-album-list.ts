import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AlbumDto } from '../../../shared/dto.js';
import { albumTitle, photoCountText } from '../album-format.js';
import { followAlbumCards } from '../controllers/album-cards-live.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { privacyLabel } from '../format.js';
import { api } from '../services/api.js';
import { icon } from '../icons.js';
import { shared } from '../styles/shared.js';

/** The albums module of a space: the newest albums as covers, each opening its album page; live as albums come, change and go. */
@localized()
@customElement('kj-album-list')
export class KjAlbumList extends LitElement {
  static override styles = [
    shared,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 10px; }
      .album { display: flex; flex-direction: column; padding: 6px; border-radius: 10px; color: var(--kj-text); }
      .album:hover { background: var(--kj-accent-soft); text-decoration: none; }
      .cover { aspect-ratio: 4 / 3; border-radius: 8px; background: linear-gradient(135deg, #ffe8cc, #ffd8a8); object-fit: cover; width: 100%; display: grid; place-items: center; font-size: 1.8rem; }
    `,
  ];

  @property() handle = '';
  /** Public albums only, as a stranger sees them (the space editor's preview). */
  @property({ type: Boolean, attribute: 'public-only' }) publicOnly = false;
  @state() private albums: AlbumDto[] = [];
  @state() private error = '';
  private readonly loads = new FetchScope(this, { read: () => this.load(), key: () => this.handle });

  constructor() {
    super();
    followAlbumCards(this, {
      handle: () => this.handle,
      get: () => this.albums,
      set: (albums) => (this.albums = albums),
      reload: () => void this.load(),
    });
  }

  override render() {
    const all = `/space/${this.handle}/albums`;
    const albums = this.publicOnly ? this.albums.filter((a) => a.privacy === 'public') : this.albums;
    return html`<section class="card" aria-labelledby="albums-title">
      <div class="row spread">
        <h2 id="albums-title">${icon('image', 18)} ${msg('Albums', { id: 'space.albums' })}</h2>
        <a href=${all}>${msg('All albums →', { id: 'albumPage.allLink' })}</a>
      </div>
      ${this.error ? html`<p class="muted">${this.error}</p>` : null}
      ${albums.length === 0 ? html`<p class="muted">${msg('No albums yet.', { id: 'albums.none' })}</p>` : null}
      <div class="grid">
        ${albums.slice(0, 8).map(
          (a) => html`<a class="album" href=${`${all}/${a.id}`}>
            ${a.coverThumbUrl ? html`<img class="cover" src=${a.coverThumbUrl} alt="" />` : html`<span class="cover" aria-hidden="true">${icon('image', 32)}</span>`}
            <b>${albumTitle(a)}</b><span class="muted">${photoCountText(a.photoCount)} · ${privacyLabel[a.privacy]}</span>
          </a>`,
        )}
      </div>
    </section>`;
  }

  private async load(): Promise<void> {
    await this.loads.load(
      async (signal) => {
        this.albums = (await api.call('GET /spaces/:handle/albums', { params: { handle: this.handle }, signal })).albums;
      },
      (message) => (this.error = message),
      { not_found: '' }, // a space without albums simply shows none
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-album-list': KjAlbumList;
  }
}
