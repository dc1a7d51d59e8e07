import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SpaceMusic, SpaceTheme } from '../../../shared/dto.js';
import { shared } from '../styles/shared.js';

export interface LookDraft {
  readonly title: string;
  readonly theme: SpaceTheme;
  readonly music: SpaceMusic | null;
}

/**
 * The look of a space: title, colours, background image, layout, panel transparency and music.
 * @fires look-change - detail `LookDraft`, on every edit (for the live preview)
 */
@customElement('kj-theme-form')
export class KjThemeForm extends LitElement {
  static override styles = [
    shared,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 10px 12px; }
      input[type='color'] { width: 100%; height: 36px; border: 1px solid var(--kj-line); border-radius: 8px; padding: 2px; background: #fff; }
      input[type='range'] { width: 100%; }
      fieldset { border: 1px solid var(--kj-line); border-radius: 10px; margin: 0 0 12px; padding: 10px 12px; }
      legend { font-weight: 700; color: var(--kj-accent-strong); padding: 0 4px; }
    `,
  ];

  @property({ attribute: false }) value!: LookDraft;

  override render() {
    const { title, theme, music } = this.value;
    const color = (id: string, label: string, v: string, set: (c: string) => LookDraft) =>
      html`<div><label for=${id}>${label}</label><input id=${id} type="color" .value=${v} @input=${(e: Event) => this.emit(set(val(e)))} /></div>`;
    return html`
      <div class="field">
        <label for="title">Space title</label>
        <input id="title" maxlength="60" .value=${title} @input=${(e: Event) => this.emit({ ...this.value, title: val(e) })} />
      </div>
      <fieldset>
        <legend>Colours</legend>
        <div class="grid">
          ${color('bg', 'Background', theme.background.color, (c) => this.theme({ background: { ...theme.background, color: c } }))}
          ${color('accent', 'Accent', theme.colors.accent, (c) => this.theme({ colors: { ...theme.colors, accent: c } }))}
          ${color('text', 'Text', theme.colors.text, (c) => this.theme({ colors: { ...theme.colors, text: c } }))}
          ${color('panel', 'Panels', theme.colors.panel, (c) => this.theme({ colors: { ...theme.colors, panel: c } }))}
        </div>
      </fieldset>
      <div class="field">
        <label for="image">Background image URL (optional)</label>
        <input id="image" type="url" placeholder="https://…" .value=${theme.background.imageUrl ?? ''}
          @change=${(e: Event) => this.emit(this.theme({ background: { ...theme.background, imageUrl: val(e).trim() || null } }))} />
      </div>
      <div class="grid">
        <div class="field">
          <label for="layout">Layout</label>
          <select id="layout" .value=${theme.layout} @change=${(e: Event) => this.emit(this.theme({ layout: val(e) === 'wide' ? 'wide' : 'classic' }))}>
            <option value="classic">Classic</option>
            <option value="wide">Wide</option>
          </select>
        </div>
        <div class="field">
          <label for="transparency">Panel transparency: ${Math.round(theme.transparency * 100)}%</label>
          <input id="transparency" type="range" min="0" max="0.9" step="0.05" .value=${String(theme.transparency)}
            @input=${(e: Event) => this.emit(this.theme({ transparency: Number(val(e)) }))} />
        </div>
      </div>
      <fieldset>
        <legend>Music</legend>
        <div class="grid">
          <div><label for="m-title">Song title</label><input id="m-title" maxlength="80" .value=${music?.title ?? ''}
            @change=${(e: Event) => this.music({ title: val(e), url: music?.url ?? '' })} /></div>
          <div><label for="m-url">Audio URL</label><input id="m-url" type="url" placeholder="https://…" .value=${music?.url ?? ''}
            @change=${(e: Event) => this.music({ title: music?.title ?? '', url: val(e) })} /></div>
        </div>
      </fieldset>
    `;
  }

  private theme(patch: Partial<SpaceTheme>): LookDraft {
    return { ...this.value, theme: { ...this.value.theme, ...patch } };
  }

  private music(m: SpaceMusic): void {
    const blank = !m.title.trim() && !m.url.trim();
    this.emit({ ...this.value, music: blank ? null : { title: m.title.trim() || 'Untitled', url: m.url.trim() } });
  }

  private emit(value: LookDraft): void {
    this.dispatchEvent(new CustomEvent<LookDraft>('look-change', { detail: value }));
  }
}

const val = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

declare global {
  interface HTMLElementTagNameMap {
    'kj-theme-form': KjThemeForm;
  }
}
