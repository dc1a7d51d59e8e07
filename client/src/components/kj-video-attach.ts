import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { VideoDto } from '../../../shared/dto.js';
import { errorText, isAbort } from '../services/api.js';
import { discardVideo, uploadVideo } from '../services/videos.js';
import { icon } from '../icons.js';
import { shared } from '../styles/shared.js';
import { videoDuration } from './post-video.js';
import { errorNotice } from '../error-notice.js';

/**
 * The composer's video: pick one MP4 or WebM, watch it upload (a progress bar, a cancel button),
 * then see its poster and length, or take it off again (which deletes the upload).
 * @fires video-change - detail `{ video }`: the attached video, or null
 */
@localized()
@customElement('kj-video-attach')
export class KjVideoAttach extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: contents; }
      .file-label { cursor: pointer; font-weight: 400; margin: 0; }
      input[type='file'] { position: absolute; opacity: 0; width: 1px; height: 1px; }
      input[type='file']:focus-visible + span { box-shadow: var(--kj-focus); }
      .progress { display: flex; gap: 8px; align-items: center; flex-basis: 100%; }
      .progress progress { flex: 1; min-width: 0; height: 10px; }
      .attached { display: flex; gap: 8px; align-items: center; flex-basis: 100%; }
      .attached img { width: 96px; height: 64px; object-fit: cover; border-radius: 8px; display: block; background: #000; }
      .error { flex-basis: 100%; margin: 0; }
    `,
  ];

  /** Greyed out while the post carries photos (photos or a video, not both). */
  @property({ type: Boolean }) disabled = false;
  @state() private progress: number | null = null;
  @state() private video: VideoDto | null = null;
  @state() private error = '';
  private abort: AbortController | null = null;

  /** Whether an upload is under way. */
  get busy(): boolean {
    return this.progress !== null;
  }

  /** Forgets the attached video without deleting it (it was posted). */
  clear(): void {
    this.video = null;
    this.error = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  override render() {
    if (this.progress !== null) {
      const percent = Math.round(this.progress * 100);
      return html`<div class="progress">
        <label for="video-progress">${msg('Uploading video', { id: 'video.uploading' })}</label>
        <progress id="video-progress" max="100" value=${percent}>${percent}%</progress>
        <span aria-hidden="true">${percent}%</span>
        <button type="button" @click=${() => this.abort?.abort()}>${msg('Cancel', { id: 'video.cancel' })}</button>
      </div>`;
    }
    if (this.video) {
      const v = this.video;
      return html`<div class="attached">
        <img src=${v.posterUrl} alt=${msg(str`Attached video, ${videoDuration(v.durationMs)}`, { id: 'video.attached' })} />
        <span class="muted">${videoDuration(v.durationMs)}</span>
        <button type="button" @click=${this.takeOff}>${msg('Remove video', { id: 'video.remove' })}</button>
      </div>`;
    }
    return html`<label class="file-label">
        <input type="file" accept="video/mp4,video/webm" @change=${this.pick} ?disabled=${this.disabled} />
        <span class="button">${icon('camera')} ${msg('Video', { id: 'video.pick' })}</span>
      </label>
      ${errorNotice(this.error)}`;
  }

  private change(): void {
    this.dispatchEvent(new CustomEvent('video-change', { detail: { video: this.video }, bubbles: true, composed: true }));
  }

  private async pick(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.error = '';
    this.abort = new AbortController();
    this.progress = 0;
    this.change();
    try {
      this.video = await uploadVideo(file, (fraction) => (this.progress = fraction), this.abort.signal);
    } catch (err) {
      this.error = isAbort(err) ? msg('Upload cancelled.', { id: 'video.cancelled' }) : `${file.name}: ${errorText(err)}`;
    } finally {
      this.progress = null;
      this.abort = null;
      this.change();
    }
  }

  private async takeOff(): Promise<void> {
    const video = this.video;
    this.video = null;
    this.change();
    if (video) await discardVideo(video.id).catch(() => undefined);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-video-attach': KjVideoAttach;
  }
}
