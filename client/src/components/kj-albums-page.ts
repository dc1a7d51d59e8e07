import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { QuotaDto } from '../../../shared/dto.js';
import { sizeText } from '../album-format.js';
import { AlbumCards } from '../controllers/album-cards-live.js';
import { ActionStatus } from '../controllers/action-status.js';
import { SessionController } from '../controllers/session-controller.js';
import { icon } from '../icons.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { api } from '../services/api.js';
import { router } from '../services/router.js';
import './kj-audience-picker.js';
import { shared } from '../styles/shared.js';
import { albumCover, albumCoverStyles } from './album-cover.js';
import { errorNotice } from '../error-notice.js';
import { formText } from '../form-text.js';

/**
 * `/space/:handle/albums`: a space's albums as covers. Its owner also sees the storage used and
 * left, and makes new albums here (title and who may see it: kj-audience-picker, groups and except too), landing in the new album to fill it.
 */
@localized()
@customElement('kj-albums-page')
export class KjAlbumsPage extends LitElement {
  static override styles = [
    shared,
    albumCoverStyles,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; }
      .album { gap: 2px; }
      .stack { display: flex; flex-direction: column; gap: 16px; }
      form { display: grid; grid-template-columns: minmax(0, 1fr) auto auto; gap: 8px; align-items: end; }
      progress { width: 100%; height: 10px; }
      .audience { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; min-width: 0; }
      @media (max-width: 600px) { form { grid-template-columns: 1fr; } }
    `,
  ];

  @property() handle = '';
  @state() private quota: QuotaDto | null = null;
  @state() private error = '';
  /** Making an album: its button waits, and what went wrong shows under the form. */
  private readonly albumForm = new ActionStatus(this);
  private readonly session = new SessionController(this);
  private readonly loads = new FetchScope(this, { read: () => this.load(), key: () => this.handle });
  // Albums made, filled or deleted elsewhere (another tab, or the owner while a friend looks) show at once.
  private readonly albums = new AlbumCards(this, { handle: () => this.handle, reload: () => void this.load({ keep: true }) });

  private get isOwner(): boolean {
    return this.session.me?.handle === this.handle;
  }

  override render() {
    return html`<div class="stack">
      <section class="card" aria-labelledby="albums-title">
        <p><a href=${`/space/${this.handle}`}>${msg('← Back to the space', { id: 'albumPage.backToSpace' })}</a></p>
        <h1 id="albums-title">${icon('image', 20)} ${msg('Albums', { id: 'albumPage.albums' })}</h1>
        ${this.isOwner ? this.ownerTools() : null}
      </section>
      <section class="card" aria-label=${msg('All albums', { id: 'albumPage.allAlbums' })}>
        ${errorNotice(this.error)}
        ${this.albums.list === null && !this.error ? html`<p class="muted" role="status">${msg('Loading…', { id: 'albumPage.loading' })}</p>` : null}
        ${this.albums.list?.length === 0 ? html`<p class="muted">${msg('No albums yet.', { id: 'albums.none' })}</p>` : null}
        <div class="grid">${(this.albums.list ?? []).map((a) => albumCover(this.handle, a))}</div>
      </section>
    </div>`;
  }

  private ownerTools() {
    const q = this.quota;
    return html`
      ${
        q
          ? html`<div data-testid="quota">
            <label for="quota-bar">${msg(str`Storage: ${sizeText(q.used)} used of ${sizeText(q.quota)}, ${sizeText(Math.max(0, q.quota - q.used))} left`, { id: 'albumPage.quota' })}</label>
            <progress id="quota-bar" max=${q.quota} .value=${q.used}></progress>
          </div>`
          : null
      }
      <h2>${msg('New album', { id: 'albumPage.newAlbum' })}</h2>
      <form @submit=${this.create} novalidate>
        <div><label for="album-title">${msg('Title', { id: 'albumPage.title' })}</label>
          <input id="album-title" name="title" maxlength="60" autocomplete="off" aria-describedby="album-form-error" /></div>
        <div class="audience"><kj-audience-picker show-label></kj-audience-picker></div>
        <button class="primary" type="submit" ?disabled=${this.albumForm.busy}>${msg('Create album', { id: 'albumPage.create' })}</button>
      </form>
      <p id="album-form-error" class="error" role="alert">${this.albumForm.error}</p>`;
  }

  /** Reads the space's albums: blank first for another space; `keep` reads again in place (a catch-up). */
  private async load({ keep = false } = {}): Promise<void> {
    if (!keep) {
      this.albums.list = null;
      this.error = '';
    }
    await this.loads.load(
      async (signal) => {
        const [{ albums }, quota] = await Promise.all([
          api.call('GET /spaces/:handle/albums', { params: { handle: this.handle }, signal }),
          this.isOwner ? api.call('GET /albums/quota', { signal }) : Promise.resolve(null),
        ]);
        this.albums.list = albums;
        this.quota = quota;
      },
      (message) => (this.error = message),
    );
  }

  private async create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const title = formText(data, 'title').trim();
    const audience = this.renderRoot.querySelector('kj-audience-picker')?.audience ?? { privacy: 'friends' as const };
    if (!title) {
      this.albumForm.fail(msg('Give the album a title.', { id: 'albumPage.titleMissing' }));
      this.renderRoot.querySelector<HTMLInputElement>('#album-title')?.focus();
      return;
    }
    await this.albumForm.run(async () => {
      const { album } = await api.call('POST /albums', { body: { title, ...audience } });
      router.go(`/space/${this.handle}/albums/${album.id}`);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-albums-page': KjAlbumsPage;
  }
}
