import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { icon } from '../icons.js';
import { shared } from '../styles/shared.js';

type Command = 'bold' | 'italic' | 'insertUnorderedList' | 'createLink';

/**
 * A small rich-text editor for diaries: bold, italic, bulleted list and links. What it produces is
 * only a draft; the hub sanitises the HTML before anyone else sees it.
 * @fires input - whenever the content changes; read `value`
 * @csspart editor - the editable area
 */
@localized()
@customElement('kj-rich-editor')
export class KjRichEditor extends LitElement {
  static override styles = [
    shared,
    css`
      .toolbar { display: flex; gap: 4px; padding: 4px; border: 1px solid var(--kj-line); border-bottom: none; border-radius: 8px 8px 0 0; background: #fff8ec; }
      .toolbar button { min-height: 30px; padding: 2px 10px; border-radius: 6px; }
      .editor {
        min-height: 140px; padding: 10px; border: 1px solid var(--kj-line); border-radius: 0 0 8px 8px;
        background: #fffdf9; overflow-wrap: anywhere;
      }
      .editor:focus-visible { box-shadow: var(--kj-focus); border-radius: 0 0 8px 8px; }
      .editor:empty::before { content: attr(data-placeholder); color: var(--kj-muted); }
    `,
  ];

  /** The editor's accessible name; the composer passes a localized one. */
  @property() label = 'Diary text';
  @query('.editor') private editor!: HTMLDivElement;

  /** The current HTML. */
  get value(): string {
    return this.editor?.innerHTML.trim() ?? '';
  }

  clear(): void {
    if (this.editor) this.editor.innerHTML = '';
  }

  override render() {
    const button = (command: Command, label: string, face: unknown) =>
      html`<button type="button" aria-label=${label} title=${label} @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.exec(command)}>${face}</button>`;
    return html`
      <div class="toolbar" role="toolbar" aria-label=${msg('Formatting', { id: 'editor.toolbar' })}>
        ${button('bold', msg('Bold', { id: 'editor.bold' }), html`<b>B</b>`)} ${button('italic', msg('Italic', { id: 'editor.italic' }), html`<i>I</i>`)}
        ${button('insertUnorderedList', msg('Bulleted list', { id: 'editor.list' }), `• ${msg('List', { id: 'editor.listShort' })}`)} ${button('createLink', msg('Link', { id: 'editor.link' }), html`${icon('link')} ${msg('Link', { id: 'editor.link' })}`)}
      </div>
      <div class="editor" part="editor" contenteditable="true" role="textbox" aria-multiline="true" aria-label=${this.label}
        data-placeholder=${msg('Write your diary…', { id: 'editor.placeholder' })} @input=${this.changed} @keydown=${this.shortcut}></div>
    `;
  }

  private exec(command: Command): void {
    this.editor.focus();
    if (command === 'createLink') {
      const url = prompt(msg('Link address (http or https):', { id: 'editor.linkPrompt' }), 'https://');
      if (!url || !/^https?:\/\/\S+$/i.test(url)) return;
      document.execCommand('createLink', false, url);
    } else {
      document.execCommand(command);
    }
    this.changed();
  }

  private shortcut(e: KeyboardEvent): void {
    if (!(e.ctrlKey || e.metaKey)) return;
    if (e.key === 'b' || e.key === 'i') {
      e.preventDefault();
      this.exec(e.key === 'b' ? 'bold' : 'italic');
    }
  }

  private changed(): void {
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-rich-editor': KjRichEditor;
  }
}
