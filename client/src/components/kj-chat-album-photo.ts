import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PhotoDto } from '../../../shared/dto.js';
import { SessionController } from '../controllers/session-controller.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { ModalDialog } from '../controllers/modal-dialog.js';
import { icon } from '../icons.js';
import { chat } from '../services/chat.js';
import { albumsWithPhotos, type AlbumPhotos } from '../services/photos.js';
import { shared } from '../styles/shared.js';
import { cardDialogStyles } from '../styles/card-dialog.js';

/** Photos shown per album (the newest first page the hub gives). */
const photosPerAlbum = 60;

/**
 * "Albums" (相册) beside the chat box: a dialog shows the photos of my albums, album by
 * album; picking one sends it (a message may carry only the sender's own photo, which these are).
 * @fires chat-error - detail `{ message }` when the send fails
 */
@localized()
@customElement('kj-chat-album-photo')
export class KjChatAlbumPhoto extends LitElement {
  static override styles = [
    shared,
    cardDialogStyles,
    css`
      button.open { font-weight: 600; border-color: var(--kj-line); } /* as the 图片 picker beside it */
      button.open svg { color: var(--kj-accent-strong); }
      dialog { width: min(480px, 94vw); max-height: 86vh; overflow-y: auto; }
      h3 { font-size: 0.95rem; margin: 12px 0 6px; }
      ul.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(76px, 1fr)); gap: 6px; }
      ul.grid button { padding: 0; width: 100%; aspect-ratio: 1; border-radius: 8px; overflow: hidden; min-height: 44px; }
      ul.grid img { width: 100%; height: 100%; object-fit: cover; display: block; }
      .row { justify-content: flex-end; margin-top: 12px; }
    `,
  ];

  /** Whom the photo goes to. */
  @property() handle = '';
  @state() private albums: AlbumPhotos[] | null = null;
  private readonly dialog = new ModalDialog(this, 'album-photo-title');
  private readonly session = new SessionController(this);
  private readonly loads = new FetchScope(this);

  override render() {
    return html`<button type="button" class="open" aria-haspopup="dialog" @click=${() => this.openDialog()}>
        ${icon('image')} ${msg('Albums', { id: 'chatAlbum.button' })}
      </button>
      ${this.dialog.render(msg('Send a photo from my albums', { id: 'chatAlbum.title' }), () => this.picker())}`;
  }

  private picker() {
    return html`${this.dialog.choicesStatus(this.albums, msg('Your albums have no photos yet.', { id: 'chatAlbum.empty' }))}
      ${(this.albums ?? []).map(
        ({ album, photos }, a) => html`<section aria-labelledby=${`album-${a}`}>
          <h3 id=${`album-${a}`}>${album.title}</h3>
          <ul class="plain grid">
            ${photos.map(
              (p, i) => html`<li>
                <button type="button" ?disabled=${this.dialog.action.busy} @click=${() => this.send(p)}
                  aria-label=${p.caption || msg(str`Photo ${i + 1} of ${album.title}`, { id: 'chatAlbum.photoLabel' })}>
                  <img src=${p.thumbUrl} alt="" loading="lazy" />
                </button>
              </li>`,
            )}
          </ul>
        </section>`,
      )}
      ${this.dialog.pickerEnd()}`;
  }

  private async openDialog(): Promise<void> {
    this.albums = null;
    await this.dialog.open();
    const handle = this.session.me?.handle;
    if (!handle) return;
    await this.loads.load(
      async (signal) => {
        this.albums = await albumsWithPhotos(handle, { perAlbum: photosPerAlbum }, signal);
      },
      (message) => this.dialog.action.fail(message),
    );
  }

  private async send(photo: PhotoDto): Promise<void> {
    await this.dialog.action.run(async () => {
      await chat.send(this.handle, { photoId: photo.id });
      this.dialog.close();
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-chat-album-photo': KjChatAlbumPhoto;
  }
}
