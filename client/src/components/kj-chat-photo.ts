import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorText, isAbort } from '../services/api.js';
import { chat } from '../services/chat.js';
import { shuoshuoAlbumId } from '../services/photos.js';
import { uploadPhoto } from '../services/uploads.js';
import { shared } from '../styles/shared.js';
import './kj-chat-album-photo.js';
import './kj-upload-picker.js';

/**
 * "Photo" (图片) beside the chat box: the picked photo goes into my shuoshuo album (as a photo in a
 * 说说 does; a message may only carry the sender's own photo), with a progress bar, then is sent.
 * Beside it, "Albums" (相册) sends one of the photos already in my albums (kj-chat-album-photo).
 * @fires chat-error - detail `{ message }` when the upload or the send fails
 */
@localized()
@customElement('kj-chat-photo')
export class KjChatPhoto extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: inline-flex; align-items: center; gap: 6px; }
      progress { width: 72px; accent-color: var(--kj-accent-strong); }
    `,
  ];

  /** Whom the photo goes to. */
  @property() handle = '';
  @state() private progress: number | null = null;
  private abort: AbortController | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  override render() {
    return html`<kj-upload-picker compact ?disabled=${this.progress !== null} label=${msg('Photo', { id: 'chat.photoButton' })}
        @files-picked=${this.picked}></kj-upload-picker>
      <kj-chat-album-photo handle=${this.handle}></kj-chat-album-photo>
      ${this.progress !== null ? html`<progress max="1" .value=${this.progress} aria-label=${msg('Sending the photo', { id: 'chat.photoSending' })}></progress>` : null}`;
  }

  private async picked(e: CustomEvent<{ files: File[] }>): Promise<void> {
    const file = e.detail.files[0];
    if (!file) return;
    if (!file.type.startsWith('image/')) return this.fail(msg('Pick a photo (an image file).', { id: 'chat.photoNotImage' }));
    const abort = (this.abort = new AbortController());
    this.progress = 0;
    try {
      const photo = await uploadPhoto(await shuoshuoAlbumId(), file, (p) => (this.progress = p), abort.signal);
      await chat.send(this.handle, { photoId: photo.id });
    } catch (err) {
      if (!isAbort(err)) this.fail(errorText(err));
    } finally {
      this.progress = null;
    }
  }

  private fail(message: string): void {
    this.dispatchEvent(new CustomEvent('chat-error', { detail: { message }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-chat-photo': KjChatPhoto;
  }
}
