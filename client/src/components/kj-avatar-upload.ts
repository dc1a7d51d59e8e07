import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { ActionStatus } from '../controllers/action-status.js';
import { api } from '../services/api.js';
import { session } from '../services/session.js';
import { shared } from '../styles/shared.js';
import { errorNotice } from '../error-notice.js';

/** The side of the square sent to the hub (it renders 64 and 256 px from it). */
const outputSide = 512;
const previewSide = 200;

/**
 * Settings → a new avatar straight from a file (no album needed): pick or drop an image, move and zoom
 * it inside the square preview, and "Use as avatar" sends the square (`POST /api/me/avatar`).
 * @fires avatar-change - the avatar is saved; `detail.user` is the signed-in user as now
 */
@localized()
@customElement('kj-avatar-upload')
export class KjAvatarUpload extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .drop {
        position: relative; display: grid; place-items: center; gap: 4px; padding: 14px; text-align: center; cursor: pointer;
        border: 2px dashed var(--kj-line); border-radius: 12px; color: var(--kj-muted, #555);
      }
      .drop.over { border-color: var(--kj-accent-strong); background: #fff7ec; }
      .drop:focus-within { outline: 3px solid var(--kj-accent-strong); outline-offset: 2px; }
      .drop input { position: absolute; width: 1px; height: 1px; opacity: 0; }
      .crop { display: grid; gap: 8px; justify-items: start; }
      canvas { width: ${previewSide}px; height: ${previewSide}px; border-radius: 12px; touch-action: none; cursor: grab; background: #eee; }
      .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    `,
  ];

  @state() private image: HTMLImageElement | null = null;
  @state() private zoom = 1;
  private readonly action = new ActionStatus(this);
  @state() private over = false;
  /** Where the crop's centre is, as a fraction of the image (0.5, 0.5 = centred). */
  private centre = { x: 0.5, y: 0.5 };
  private drag: { x: number; y: number } | null = null;
  private objectUrl = '';
  @query('canvas') private canvas!: HTMLCanvasElement | null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
  }

  override render() {
    return html`
      <label class="drop ${this.over ? 'over' : ''}" @dragover=${this.onDragOver} @dragleave=${() => (this.over = false)} @drop=${this.onDrop}>
        <input type="file" accept="image/*" @change=${this.onPick} aria-describedby="avatar-drop-hint" />
        <b>${msg('Upload a new avatar', { id: 'avatarUpload.pick' })}</b>
        <span id="avatar-drop-hint" class="muted">${msg('Choose a picture or drop it here', { id: 'avatarUpload.hint' })}</span>
      </label>
      ${
        this.image
          ? html`<div class="crop">
            <canvas width=${previewSide} height=${previewSide} role="img" aria-label=${msg('Preview of the new avatar', { id: 'avatarUpload.preview' })}
              @pointerdown=${this.onPointerDown} @pointermove=${this.onPointerMove} @pointerup=${this.onPointerUp} @pointercancel=${this.onPointerUp}></canvas>
            <div class="row">
              <label for="avatar-zoom">${msg('Zoom', { id: 'avatarUpload.zoom' })}</label>
              <input id="avatar-zoom" type="range" min="1" max="3" step="0.05" .value=${String(this.zoom)}
                @input=${(e: Event) => ((this.zoom = Number((e.target as HTMLInputElement).value)), this.draw())} />
            </div>
            <div class="row">
              <button class="primary" type="button" ?disabled=${this.action.busy} @click=${this.upload}>${msg('Use as avatar', { id: 'avatarUpload.use' })}</button>
              <button type="button" ?disabled=${this.action.busy} @click=${this.reset}>${msg('Cancel', { id: 'social.cancel' })}</button>
            </div>
          </div>`
          : null
      }
      ${errorNotice(this.action.error)}
    `;
  }

  override updated(): void {
    this.draw();
  }

  private onDragOver(e: DragEvent): void {
    e.preventDefault();
    this.over = true;
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    this.over = false;
    const file = e.dataTransfer?.files[0];
    if (file) void this.open(file);
  }

  private onPick(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.open(file);
  }

  private async open(file: File): Promise<void> {
    this.action.clear();
    if (!file.type.startsWith('image/')) {
      this.action.fail(msg('That file is not a picture.', { id: 'avatarUpload.notImage' }));
      return;
    }
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = URL.createObjectURL(file);
    const image = new Image();
    image.src = this.objectUrl;
    try {
      await image.decode();
    } catch {
      this.action.fail(msg('That file is not a picture.', { id: 'avatarUpload.notImage' }));
      return;
    }
    this.centre = { x: 0.5, y: 0.5 };
    this.zoom = 1;
    this.image = image;
  }

  /** The source square (in image pixels) the crop shows: the largest centred square, shrunk by the zoom. */
  private sourceSquare(image: HTMLImageElement): { sx: number; sy: number; side: number } {
    const side = Math.min(image.naturalWidth, image.naturalHeight) / this.zoom;
    const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), Math.max(max, 0));
    const sx = clamp(this.centre.x * image.naturalWidth - side / 2, image.naturalWidth - side);
    const sy = clamp(this.centre.y * image.naturalHeight - side / 2, image.naturalHeight - side);
    return { sx, sy, side };
  }

  private draw(target: HTMLCanvasElement | null = this.canvas): void {
    const image = this.image;
    const ctx = target?.getContext('2d');
    if (!image || !target || !ctx) return;
    const { sx, sy, side } = this.sourceSquare(image);
    ctx.drawImage(image, sx, sy, side, side, 0, 0, target.width, target.height);
  }

  private onPointerDown(e: PointerEvent): void {
    (e.target as HTMLElement).setPointerCapture(e.pointerId);
    this.drag = { x: e.clientX, y: e.clientY };
  }

  private onPointerMove(e: PointerEvent): void {
    const image = this.image;
    if (!this.drag || !image) return;
    const { side } = this.sourceSquare(image);
    const perPixel = side / previewSide; // image pixels per preview pixel
    this.centre = {
      x: this.centre.x - ((e.clientX - this.drag.x) * perPixel) / image.naturalWidth,
      y: this.centre.y - ((e.clientY - this.drag.y) * perPixel) / image.naturalHeight,
    };
    // Kept where the crop can reach, so the next drag starts from what is shown.
    const { sx, sy } = this.sourceSquare(image);
    this.centre = { x: (sx + side / 2) / image.naturalWidth, y: (sy + side / 2) / image.naturalHeight };
    this.drag = { x: e.clientX, y: e.clientY };
    this.draw();
  }

  private onPointerUp(): void {
    this.drag = null;
  }

  private reset(): void {
    this.image = null;
    this.action.clear();
  }

  private async upload(): Promise<void> {
    const out = document.createElement('canvas');
    out.width = out.height = outputSide;
    this.draw(out);
    const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/jpeg', 0.9));
    if (!blob) return;
    await this.action.run(async () => {
      const form = new FormData();
      form.append('file', blob, 'avatar.jpg');
      const { user } = await api.call('POST /me/avatar', { body: form });
      session.updateMe(user);
      this.image = null;
      this.dispatchEvent(new CustomEvent('avatar-change', { detail: { user }, bubbles: true, composed: true }));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-avatar-upload': KjAvatarUpload;
  }
}
