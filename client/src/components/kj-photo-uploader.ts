import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { QuotaDto } from '../../../shared/dto.js';
import { sizeText } from '../album-format.js';
import { errorText, isAbort } from '../services/api.js';
import { uploadPhoto } from '../services/uploads.js';
import { shared } from '../styles/shared.js';
import './kj-upload-picker.js';

/** The most photos one pick may send; a bigger pick is refused whole, before anything is sent. */
export const photosPerPick = 20;
/** The hub's default upload limit, used until the quota answer says otherwise. */
const defaultMaxBytes = 20 * 1024 * 1024;
/** A pick that all went in leaves the list this long after (the photos are in the album by then). */
const doneListMs = 4_000;

interface Upload {
  readonly key: number;
  readonly file: File;
  /** An object URL of the file, for its preview (revoked when the row goes). */
  readonly preview: string;
  progress: number;
  state: 'waiting' | 'sending' | 'done' | 'failed';
  error: string;
}

/**
 * Picks several photos (a styled picker, or dropped on it) and sends them into an album one after
 * another, each with a preview and its progress; when all went in, the list clears itself.
 * A pick is checked whole first (count, type, size, quota left): a bad pick sends nothing. A file
 * the hub refuses (not really an image, over quota) fails alone, with its reason, and leaves nothing.
 * @fires photo-uploaded - detail `{ photo }`, for each photo the hub stored
 */
@localized()
@customElement('kj-photo-uploader')
export class KjPhotoUploader extends LitElement {
  static override styles = [
    shared,
    css`
      li { display: grid; grid-template-columns: 40px minmax(0, 1fr) 120px; gap: 8px; align-items: center; padding: 4px 0; font-size: 0.9rem; }
      li img { width: 40px; height: 40px; object-fit: cover; border-radius: 6px; }
      li .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      li .error { grid-column: 1 / -1; margin: 0; }
      progress { width: 100%; accent-color: var(--kj-accent-strong); }
      .stop { margin-top: 6px; }
    `,
  ];

  @property() albumId = '';
  @property({ attribute: false }) quota: QuotaDto | null = null;
  @state() private uploads: Upload[] = [];
  @state() private message = '';
  private abort: AbortController | null = null;
  private nextKey = 0;
  private clearTimer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
    this.setUploads([]);
  }

  /** Replaces the rows, letting go of the previews of the ones that leave. */
  private setUploads(next: Upload[]): void {
    clearTimeout(this.clearTimer);
    for (const u of this.uploads) if (!next.includes(u)) URL.revokeObjectURL(u.preview);
    this.uploads = next;
  }

  override render() {
    const sending = this.uploads.some((u) => u.state === 'waiting' || u.state === 'sending');
    return html`<div>
      <kj-upload-picker multiple ?disabled=${sending} @files-picked=${this.picked}
        label=${msg(str`Add photos (up to ${photosPerPick} at a time)`, { id: 'uploader.pick' })}
        hint=${msg('or drag photos here', { id: 'uploader.drop' })}></kj-upload-picker>
      ${sending ? html`<button class="stop" @click=${() => this.abort?.abort()}>${msg('Stop uploading', { id: 'uploader.stop' })}</button>` : null}
      ${this.message ? html`<p class="notice error" role="alert" data-testid="upload-message">${this.message}</p>` : null}
      <ul class="plain" aria-label=${msg('Uploads', { id: 'uploader.list' })}>
        ${repeat(
          this.uploads,
          (u) => u.key,
          (u) => html`<li data-state=${u.state}>
          <img src=${u.preview} alt="" />
          <span class="name">${u.file.name}</span>
          <progress max="1" .value=${u.progress} aria-label=${msg(str`${u.file.name} uploaded`, { id: 'uploader.progress' })}></progress>
          ${u.state === 'failed' ? html`<p class="error" role="alert">${u.file.name}: ${u.error}</p>` : null}
        </li>`,
        )}
      </ul>
    </div>`;
  }

  /** Why this pick cannot be sent, or '' when it can. */
  private refusal(files: readonly File[]): string {
    if (files.length > photosPerPick)
      return msg(str`That is ${files.length} photos; pick at most ${photosPerPick} at a time.`, { id: 'uploader.tooMany' });
    const notImage = files.find((f) => !f.type.startsWith('image/'));
    if (notImage) return msg(str`${notImage.name} is not a photo. Pick image files only.`, { id: 'uploader.notImage' });
    const max = this.quota?.uploadMaxBytes ?? defaultMaxBytes;
    const big = files.find((f) => f.size > max);
    if (big) return msg(str`${big.name} is ${sizeText(big.size)}; a photo may be at most ${sizeText(max)}.`, { id: 'uploader.tooBig' });
    const total = files.reduce((sum, f) => sum + f.size, 0);
    if (this.quota && total > this.quota.quota - this.quota.used) {
      return msg(
        str`These photos need ${sizeText(total)} but only ${sizeText(Math.max(0, this.quota.quota - this.quota.used))} of your storage is left.`,
        { id: 'uploader.overQuota' },
      );
    }
    return '';
  }

  private async picked(e: CustomEvent<{ files: File[] }>): Promise<void> {
    const { files } = e.detail;
    this.message = this.refusal(files);
    if (this.message) return;
    this.setUploads(
      files.map((file) => ({ key: this.nextKey++, file, preview: URL.createObjectURL(file), progress: 0, state: 'waiting', error: '' })),
    );
    const abort = (this.abort = new AbortController());
    for (const u of this.uploads) {
      if (abort.signal.aborted) {
        this.update1(u, { state: 'failed', error: msg('Not sent: you stopped the upload.', { id: 'uploader.stopped' }) });
        continue;
      }
      this.update1(u, { state: 'sending' });
      try {
        const photo = await uploadPhoto(this.albumId, u.file, (progress) => this.update1(u, { progress }), abort.signal);
        this.update1(u, { state: 'done', progress: 1 });
        this.dispatchEvent(new CustomEvent('photo-uploaded', { detail: { photo }, bubbles: true, composed: true }));
      } catch (err) {
        const error = isAbort(err) ? msg('Not sent: you stopped the upload.', { id: 'uploader.stopped' }) : errorText(err);
        this.update1(u, { state: 'failed', error });
      }
    }
    if (this.uploads.every((u) => u.state === 'done')) this.clearTimer = setTimeout(() => this.setUploads([]), doneListMs);
  }

  private update1(u: Upload, change: Partial<Upload>): void {
    Object.assign(u, change);
    this.uploads = [...this.uploads];
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-photo-uploader': KjPhotoUploader;
  }
}
