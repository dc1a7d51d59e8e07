import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { shared } from '../styles/shared.js';

/**
 * A moderator's actions on someone else's post, behind a "…" button (管理操作) instead of two red
 * buttons on every card: Unpublish (下架, while it is published) and Delete. Escape or a click
 * elsewhere closes it; the button gets the focus back.
 * @fires mod-unpublish - Unpublish was chosen
 * @fires mod-delete - Delete was chosen
 */
@localized()
@customElement('kj-mod-menu')
export class KjModMenu extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: inline-block; position: relative; }
      .more { border-color: transparent; font-weight: 700; letter-spacing: 1px; }
      [role='menu'] {
        position: absolute; right: 0; top: 100%; z-index: 5; min-width: 150px; margin: 4px 0 0; padding: 4px;
        list-style: none; background: var(--kj-panel, #fff); border: 1px solid var(--kj-line); border-radius: 10px; box-shadow: var(--kj-shadow);
      }
      [role='menuitem'] { width: 100%; border-color: transparent; justify-content: flex-start; border-radius: 6px; color: var(--kj-danger); }
    `,
  ];

  @property({ type: Boolean, attribute: 'can-unpublish' }) canUnpublish = false;
  @state() private open = false;
  @query('.more') private button!: HTMLButtonElement;
  private readonly outside = (e: Event) => {
    if (!e.composedPath().includes(this)) this.open = false;
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.outside);
  }

  override render() {
    return html`<button class="more" aria-haspopup="menu" aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${msg('Moderator actions', { id: 'modMenu.label' })} title=${msg('Moderator actions', { id: 'modMenu.label' })}
        @click=${this.toggle}>…</button>
      ${
        this.open
          ? html`<ul role="menu" aria-label=${msg('Moderator actions', { id: 'modMenu.label' })} @keydown=${this.keydown}>
            ${this.canUnpublish ? html`<li role="none"><button role="menuitem" @click=${() => this.choose('mod-unpublish')}>${msg('Unpublish', { id: 'modLive.unpublish' })}</button></li>` : null}
            <li role="none"><button role="menuitem" @click=${() => this.choose('mod-delete')}>${msg('Delete', { id: 'common.delete' })}</button></li>
          </ul>`
          : null
      }`;
  }

  private async toggle(): Promise<void> {
    this.open = !this.open;
    if (!this.open) return document.removeEventListener('click', this.outside);
    document.addEventListener('click', this.outside);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }

  private keydown(e: KeyboardEvent): void {
    const items = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
    const at = Math.max(0, items.indexOf(this.shadowRoot?.activeElement as HTMLButtonElement));
    if (e.key === 'Escape') {
      e.preventDefault();
      this.close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  }

  private close(): void {
    this.open = false;
    document.removeEventListener('click', this.outside);
    this.button.focus();
  }

  private choose(event: 'mod-unpublish' | 'mod-delete'): void {
    this.close();
    this.dispatchEvent(new CustomEvent(event));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-mod-menu': KjModMenu;
  }
}
