import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { PhotoDto } from '../../../shared/dto.js';
import { ActionStatus } from '../controllers/action-status.js';
import { api } from '../services/api.js';
import { formatNumber } from '../i18n/format.js';
import { DocumentEvent } from '../controllers/document-event.js';
import { shared } from '../styles/shared.js';
import { formText } from '../form-text.js';

/**
 * A photo at full size in a modal dialog: previous/next by button or ← →, Escape or Close to leave
 * (focus goes back where it was). The owner edits the caption or deletes the photo here.
 * @fires viewer-close - the viewer was closed
 * @fires viewer-move - detail `{ index }`, the photo now shown
 * @fires photo-changed - detail `{ photo }`, after the caption was saved
 * @fires photo-deleted - detail `{ photoId }`, after the hub deleted it
 */
@localized()
@customElement('kj-photo-viewer')
export class KjPhotoViewer extends LitElement {
  static override styles = [
    shared,
    css`
      dialog { border: none; border-radius: 14px; padding: 0; width: min(960px, 96vw); max-height: 96vh; background: #1f1a17; color: #fff; }
      dialog::backdrop { background: rgb(0 0 0 / 0.78); }
      .stage { display: grid; grid-template-columns: auto minmax(0, 1fr) auto; align-items: center; gap: 8px; padding: 12px; }
      img { max-width: 100%; max-height: 72vh; object-fit: contain; margin: 0 auto; display: block; border-radius: 6px; }
      .bar { display: flex; gap: 8px; align-items: center; padding: 0 12px 12px; flex-wrap: wrap; }
      .bar .caption { flex: 1; min-width: 0; overflow-wrap: anywhere; }
      button { background: rgb(255 255 255 / 0.12); color: #fff; border-color: rgb(255 255 255 / 0.3); }
      button:hover:not(:disabled) { background: rgb(255 255 255 / 0.25); }
      form { display: flex; gap: 8px; flex: 1; }
      .error { color: #ffa8a8; }
    `,
  ];

  @property({ attribute: false }) photos: readonly PhotoDto[] = [];
  @property({ type: Number }) index = 0;
  @property({ type: Boolean }) editable = false;
  private readonly action = new ActionStatus(this);
  @query('dialog') private dialog!: HTMLDialogElement;

  /** On the document, not the dialog: a button that just became disabled drops focus to the body. */
  private readonly keys = new DocumentEvent(this, 'keydown', (e) => this.key(e));

  override firstUpdated(): void {
    this.dialog.showModal();
  }

  override render() {
    const photo = this.photos[this.index];
    if (!photo) return html`<dialog @cancel=${this.close}></dialog>`;
    const n = this.photos.length;
    return html`<dialog aria-label=${msg(str`Photo ${formatNumber(this.index + 1)} of ${formatNumber(n)}`, { id: 'viewer.label' })} @cancel=${this.close}>
      <div class="stage">
        <button ?disabled=${this.index === 0} @click=${() => this.move(-1)} aria-label=${msg('Previous photo', { id: 'viewer.prev' })}>‹</button>
        <img src=${photo.url} alt=${photo.caption || msg(str`Photo ${formatNumber(this.index + 1)}`, { id: 'viewer.alt' })} data-photo-id=${photo.id} />
        <button ?disabled=${this.index >= n - 1} @click=${() => this.move(1)} aria-label=${msg('Next photo', { id: 'viewer.next' })}>›</button>
      </div>
      <div class="bar">
        <span class="muted" data-testid="position">${formatNumber(this.index + 1)} / ${formatNumber(n)}</span>
        ${
          this.editable
            ? html`<form @submit=${(e: SubmitEvent) => this.saveCaption(e, photo)}>
              <label class="sr-only" for="caption">${msg('Caption', { id: 'viewer.caption' })}</label>
              <input id="caption" name="caption" maxlength="200" .value=${photo.caption ?? ''} placeholder=${msg('Write a caption…', { id: 'viewer.captionPlaceholder' })} autocomplete="off" />
              <button type="submit" ?disabled=${this.action.busy}>${msg('Save caption', { id: 'viewer.saveCaption' })}</button>
            </form>
            <button ?disabled=${this.action.busy} @click=${() => this.deletePhoto(photo)}>${msg('Delete photo', { id: 'viewer.delete' })}</button>`
            : html`<span class="caption" data-testid="caption">${photo.caption ?? ''}</span>`
        }
        <button @click=${this.close}>${msg('Close', { id: 'viewer.close' })}</button>
      </div>
      ${this.action.error ? html`<p class="error bar" role="alert">${this.action.error}</p>` : null}
    </dialog>`;
  }

  private key(e: KeyboardEvent): void {
    if (e.composedPath().some((n) => n instanceof HTMLInputElement)) return; // arrows move the caret there
    if (e.key === 'ArrowLeft') this.move(-1);
    else if (e.key === 'ArrowRight') this.move(1);
  }

  private move(by: number): void {
    const index = Math.min(this.photos.length - 1, Math.max(0, this.index + by));
    if (index === this.index) return;
    this.action.clear();
    this.dispatchEvent(new CustomEvent('viewer-move', { detail: { index } }));
  }

  private close(e?: Event): void {
    e?.preventDefault();
    this.dialog?.close();
    this.dispatchEvent(new CustomEvent('viewer-close'));
  }

  private async saveCaption(e: SubmitEvent, photo: PhotoDto): Promise<void> {
    e.preventDefault();
    const caption = formText(new FormData(e.target as HTMLFormElement), 'caption');
    await this.action.run(async () => {
      const saved = await api.call('PATCH /photos/:id', { params: { id: photo.id }, body: { caption } });
      this.dispatchEvent(new CustomEvent('photo-changed', { detail: { photo: saved.photo } }));
    });
  }

  private async deletePhoto(photo: PhotoDto): Promise<void> {
    if (!confirm(msg('Delete this photo? It cannot be brought back.', { id: 'viewer.deleteConfirm' }))) return;
    await this.action.run(async () => {
      await api.call('DELETE /photos/:id', { params: { id: photo.id } });
      this.dispatchEvent(new CustomEvent('photo-deleted', { detail: { photoId: photo.id } }));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-photo-viewer': KjPhotoViewer;
  }
}
