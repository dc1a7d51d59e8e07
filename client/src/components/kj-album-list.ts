import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AlbumCards } from '../controllers/album-cards-live.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { api } from '../services/api.js';
import { icon } from '../icons.js';
import { shared } from '../styles/shared.js';
import { albumCover, albumCoverStyles } from './album-cover.js';

/** The albums module of a space: the newest albums as covers, each opening its album page; live as albums come, change and go. */
@localized()
@customElement('kj-album-list')
export class KjAlbumList extends LitElement {
  static override styles = [
    shared,
    albumCoverStyles,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 10px; }
      .cover { font-size: 1.8rem; }
    `,
  ];

  @property() handle = '';
  /** Public albums only, as a stranger sees them (the space editor's preview). */
  @property({ type: Boolean, attribute: 'public-only' }) publicOnly = false;
  @state() private error = '';
  private readonly loads = new FetchScope(this, { read: () => this.load(), key: () => this.handle });
  private readonly albums = new AlbumCards(this, { handle: () => this.handle, reload: () => void this.load() }, []);

  override render() {
    const all = `/space/${this.handle}/albums`;
    const list = this.albums.list ?? [];
    const albums = this.publicOnly ? list.filter((a) => a.privacy === 'public') : list;
    return html`<section class="card" aria-labelledby="albums-title">
      <div class="row spread">
        <h2 id="albums-title">${icon('image', 18)} ${msg('Albums', { id: 'space.albums' })}</h2>
        <a href=${all}>${msg('All albums →', { id: 'albumPage.allLink' })}</a>
      </div>
      ${this.error ? html`<p class="muted">${this.error}</p>` : null}
      ${albums.length === 0 ? html`<p class="muted">${msg('No albums yet.', { id: 'albums.none' })}</p>` : null}
      <div class="grid">${albums.slice(0, 8).map((a) => albumCover(this.handle, a))}</div>
    </section>`;
  }

  private async load(): Promise<void> {
    await this.loads.load(
      async (signal) => {
        this.albums.list = (await api.call('GET /spaces/:handle/albums', { params: { handle: this.handle }, signal })).albums;
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
