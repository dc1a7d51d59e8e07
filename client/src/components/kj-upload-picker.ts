import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { icon } from '../icons.js';
import { shared } from '../styles/shared.js';

let nextId = 0;

/**
 * A styled file picker: a button-like label over a hidden file input, and (unless `compact`) a zone
 * files can be dragged onto. It only picks; what happens to the files is the host's (uploads with
 * progress: see kj-photo-uploader and kj-chat-photo).
 * @fires files-picked - detail `{ files: File[] }`, the files chosen or dropped (those `accept` takes)
 */
@customElement('kj-upload-picker')
export class KjUploadPicker extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      :host([compact]) { display: inline-block; }
      .zone {
        display: flex; flex-direction: column; align-items: center; gap: 6px; padding: 18px 12px; text-align: center;
        border: 2px dashed var(--kj-line); border-radius: var(--kj-radius, 10px); background: var(--kj-bg, #fffdf9);
      }
      .zone.over { border-color: var(--kj-accent); background: var(--kj-accent-soft); }
      label.button { font-weight: 600; margin: 0; }
      label.button svg { color: var(--kj-accent-strong); }
      input:focus-visible + label { box-shadow: var(--kj-focus); }
      input:disabled + label { opacity: 0.55; cursor: default; }
      .hint { margin: 0; }
    `,
  ];

  /** The button's text. */
  @property() label = '';
  /** A line under the button, e.g. "or drag photos here" (not shown when compact). */
  @property() hint = '';
  @property() accept = 'image/*';
  @property({ type: Boolean }) multiple = false;
  @property({ type: Boolean }) disabled = false;
  /** Only the button: no drop zone around it. */
  @property({ type: Boolean, reflect: true }) compact = false;
  @state() private over = false;
  private readonly inputId = `kj-upload-${nextId++}`;

  override render() {
    const picker = html`<input id=${this.inputId} class="sr-only" type="file" accept=${this.accept} ?multiple=${this.multiple}
        ?disabled=${this.disabled} @change=${this.changed} />
      <label class="button" for=${this.inputId}>${icon('image')} ${this.label}</label>`;
    if (this.compact) return picker;
    return html`<div class="zone ${this.over ? 'over' : ''}" @dragover=${this.dragOver} @dragleave=${() => (this.over = false)} @drop=${this.drop}>
      ${picker}
      ${this.hint ? html`<p class="hint muted">${this.hint}</p>` : null}
    </div>`;
  }

  private changed(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    this.pick(files);
  }

  private dragOver(e: DragEvent): void {
    if (this.disabled) return;
    e.preventDefault();
    this.over = true;
  }

  private drop(e: DragEvent): void {
    e.preventDefault();
    this.over = false;
    if (this.disabled) return;
    const files = [...(e.dataTransfer?.files ?? [])];
    this.pick(this.multiple ? files : files.slice(0, 1));
  }

  private pick(files: File[]): void {
    if (files.length) this.dispatchEvent(new CustomEvent('files-picked', { detail: { files }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-upload-picker': KjUploadPicker;
  }
}
