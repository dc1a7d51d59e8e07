import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { GroupDto } from '../../../shared/dto.js';
import { StoreController } from '../controllers/store-controller.js';
import { errorText } from '../services/api.js';
import { groups } from '../services/groups.js';
import { shared } from '../styles/shared.js';
import { errorNotice } from '../error-notice.js';

/** A friend's quick "groups" menu (e.g. in the friends list): tick the groups they belong in. */
@localized()
@customElement('kj-group-menu')
export class KjGroupMenu extends LitElement {
  static override styles = [
    shared,
    css`
      details { position: relative; }
      summary { list-style: none; cursor: pointer; }
      summary::-webkit-details-marker { display: none; }
      .menu { position: absolute; right: 0; z-index: 5; min-width: 12em; max-width: min(80vw, 18em); background: var(--kj-panel); border: 1px solid var(--kj-line); border-radius: 10px; padding: 8px; box-shadow: 0 6px 18px rgb(0 0 0 / 0.12); }
      label { display: flex; gap: 8px; align-items: center; font-weight: 400; margin: 4px 0; }
      label input { width: auto; }
      p { margin: 4px 0; font-size: 0.85rem; }
    `,
  ];

  /** The friend's handle and display name. */
  @property() handle = '';
  @property() name = '';
  @state() private error = '';
  private readonly groups = new StoreController(this, groups);

  override render() {
    const mine = this.groups.store.groups;
    return html`<details @toggle=${this.opened}>
      <summary class="button" aria-label=${msg(str`Groups of ${this.name}`, { id: 'groups.menuFor' })}>${msg('Groups', { id: 'groups.menu' })}</summary>
      <div class="menu" role="group" aria-label=${msg(str`Groups of ${this.name}`, { id: 'groups.menuFor' })}>
        ${mine.map((g) => html`<label><input type="checkbox" .checked=${this.isIn(g)} @change=${(e: Event) => this.toggle(g, e)} />${g.name}</label>`)}
        ${this.groups.store.loaded && mine.length === 0 ? html`<p class="muted">${msg('No groups yet: make them in Settings.', { id: 'groups.noneYet' })} <a href="/settings#groups">${msg('Settings', { id: 'nav.settings' })}</a></p>` : null}
        ${errorNotice(this.error)}
      </div>
    </details>`;
  }

  private isIn(group: GroupDto): boolean {
    return group.members.some((m) => m.handle === this.handle);
  }

  private opened(e: Event): void {
    if ((e.target as HTMLDetailsElement).open) groups.load().catch((err: unknown) => (this.error = errorText(err)));
  }

  private async toggle(group: GroupDto, e: Event): Promise<void> {
    this.error = '';
    try {
      await groups.toggleMember(group, this.handle, (e.target as HTMLInputElement).checked);
    } catch (err) {
      this.error = errorText(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-group-menu': KjGroupMenu;
  }
}
