import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SpaceModule, SpaceModuleKind } from '../../../shared/dto.js';
import { shared } from '../styles/shared.js';
import { postKindName } from '../post-labels.js';

const moduleNames: Readonly<Record<SpaceModuleKind, () => string>> = {
  profile: () => msg('Profile card', { id: 'module.profile' }),
  shuoshuo: postKindName.shuoshuo,
  diary: postKindName.diary,
  albums: () => msg('Albums', { id: 'space.albums' }),
  guestbook: () => msg('Guestbook', { id: 'space.guestbook' }),
  visitors: () => msg('Visitors (only you see it)', { id: 'module.visitors' }),
  music: () => msg('Music player', { id: 'module.music' }),
  games: () => msg('Games', { id: 'nav.games' }),
};

/** A space module's name in the shown language. */
export const moduleName = (kind: SpaceModuleKind): string => moduleNames[kind]();

/**
 * Which modules a space shows, in which column and order.
 * @fires modules-change - detail `SpaceModule[]`, renumbered, on every edit
 */
@localized()
@customElement('kj-module-editor')
export class KjModuleEditor extends LitElement {
  static override styles = [
    shared,
    css`
      h3 { margin: 8px 0 4px; font-size: 0.9rem; color: var(--kj-muted); }
      li { display: flex; align-items: center; gap: 6px; padding: 4px 0; }
      li .name { flex: 1; min-width: 0; }
      li .name label { display: inline; font-weight: 400; margin: 0 0 0 4px; }
      li button { min-height: 28px; padding: 2px 8px; }
    `,
  ];

  @property({ attribute: false }) modules: readonly SpaceModule[] = [];

  override render() {
    return html`${(['main', 'side'] as const).map((column) => {
      const list = this.column(column);
      return html`<h3>${column === 'main' ? msg('Main column', { id: 'module.main' }) : msg('Sidebar', { id: 'module.side' })}</h3>
        <ul class="plain">
          ${list.map(
            (m, i) => html`<li>
              <span class="name"><input type="checkbox" id=${`vis-${m.kind}`} .checked=${m.visible}
                @change=${(e: Event) => this.replace(m, { visible: (e.target as HTMLInputElement).checked })} /><label for=${`vis-${m.kind}`}>${moduleName(m.kind)}</label></span>
              <button ?disabled=${i === 0} aria-label=${msg(str`Move ${moduleName(m.kind)} up`, { id: 'module.up' })} @click=${() => this.move(m, -1)}>↑</button>
              <button ?disabled=${i === list.length - 1} aria-label=${msg(str`Move ${moduleName(m.kind)} down`, { id: 'module.down' })} @click=${() => this.move(m, 1)}>↓</button>
              <button aria-label=${column === 'main' ? msg(str`Move ${moduleName(m.kind)} to the side column`, { id: 'module.toSide' }) : msg(str`Move ${moduleName(m.kind)} to the main column`, { id: 'module.toMain' })}
                @click=${() => this.replace(m, { column: column === 'main' ? 'side' : 'main', order: 99 })}>${column === 'main' ? `→ ${msg('Side', { id: 'module.sideShort' })}` : `← ${msg('Main', { id: 'module.mainShort' })}`}</button>
            </li>`,
          )}
        </ul>`;
    })}`;
  }

  private column(column: SpaceModule['column']): SpaceModule[] {
    return this.modules.filter((m) => m.column === column).sort((a, b) => a.order - b.order);
  }

  private move(m: SpaceModule, by: -1 | 1): void {
    const list = this.column(m.column);
    const i = list.indexOf(m);
    const j = i + by;
    const other = list[j];
    if (!other) return;
    list[i] = other;
    list[j] = m;
    const rest = this.modules.filter((x) => x.column !== m.column);
    this.emit([...rest, ...list.map((x, order) => ({ ...x, order }))]);
  }

  private replace(m: SpaceModule, patch: Partial<SpaceModule>): void {
    this.emit(this.modules.map((x) => (x === m ? { ...x, ...patch } : x)));
  }

  /** Renumbers each column 0..n so orders stay small and unique. */
  private emit(modules: SpaceModule[]): void {
    const renumbered = (['main', 'side'] as const).flatMap((c) =>
      modules
        .filter((m) => m.column === c)
        .sort((a, b) => a.order - b.order)
        .map((m, order) => ({ ...m, order })),
    );
    this.dispatchEvent(new CustomEvent<SpaceModule[]>('modules-change', { detail: renumbered }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-module-editor': KjModuleEditor;
  }
}
