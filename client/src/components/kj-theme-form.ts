import { localized, msg, str } from '@lit/localize';
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
@localized()
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
        <label for="title">${msg('Space title', { id: 'theme.title' })}</label>
        <input id="title" maxlength="60" .value=${title} @input=${(e: Event) => this.emit({ ...this.value, title: val(e) })} />
      </div>
      <fieldset>
        <legend>${msg('Colours', { id: 'theme.colours' })}</legend>
        <div class="grid">
          ${color('bg', msg('Background', { id: 'theme.background' }), theme.background.color, (c) => this.theme({ background: { ...theme.background, color: c } }))}
          ${color('accent', msg('Accent', { id: 'theme.accent' }), theme.colors.accent, (c) => this.theme({ colors: { ...theme.colors, accent: c } }))}
          ${color('text', msg('Text', { id: 'theme.text' }), theme.colors.text, (c) => this.theme({ colors: { ...theme.colors, text: c } }))}
          ${color('panel', msg('Panels', { id: 'theme.panels' }), theme.colors.panel, (c) => this.theme({ colors: { ...theme.colors, panel: c } }))}
        </div>
      </fieldset>
      <div class="field">
        <label for="image">${msg('Background image URL (optional)', { id: 'theme.image' })}</label>
        <input id="image" type="url" placeholder="https://…" .value=${theme.background.imageUrl ?? ''}
          @change=${(e: Event) => this.emit(this.theme({ background: { ...theme.background, imageUrl: val(e).trim() || null } }))} />
      </div>
      <div class="grid">
        <div class="field">
          <label for="layout">${msg('Layout', { id: 'theme.layout' })}</label>
          <select id="layout" .value=${theme.layout} @change=${(e: Event) => this.emit(this.theme({ layout: val(e) === 'wide' ? 'wide' : 'classic' }))}>
            <option value="classic">${msg('Classic', { id: 'theme.classic' })}</option>
            <option value="wide">${msg('Wide', { id: 'theme.wide' })}</option>
          </select>
        </div>
        <div class="field">
          <label for="transparency">${msg(str`Panel transparency: ${Math.round(theme.transparency * 100)}%`, { id: 'theme.transparency' })}</label>
          <input id="transparency" type="range" min="0" max="0.9" step="0.05" .value=${String(theme.transparency)}
            @input=${(e: Event) => this.emit(this.theme({ transparency: Number(val(e)) }))} />
        </div>
      </div>
      <fieldset>
        <legend>${msg('Music', { id: 'space.music' })}</legend>
        <div class="grid">
          <div><label for="m-title">${msg('Song title', { id: 'theme.song' })}</label><input id="m-title" maxlength="80" .value=${music?.title ?? ''}
            @change=${(e: Event) => this.music({ title: val(e), url: music?.url ?? '' })} /></div>
          <div><label for="m-url">${msg('Audio URL', { id: 'theme.audio' })}</label><input id="m-url" type="url" placeholder="https://…" .value=${music?.url ?? ''}
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
    this.emit({
      ...this.value,
      music: blank ? null : { title: m.title.trim() || msg('Untitled', { id: 'theme.untitled' }), url: m.url.trim() },
    });
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
