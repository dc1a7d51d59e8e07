import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SpaceMusic } from '../../../shared/dto.js';
import { icon } from '../icons.js';
import { shared } from '../styles/shared.js';

/**
 * The space's background music. It never plays by itself: sound starts only when the visitor
 * presses play (`preload="none"`, no autoplay).
 */
@localized()
@customElement('kj-music-player')
export class KjMusicPlayer extends LitElement {
  static override styles = [
    shared,
    css`
      audio { width: 100%; margin-top: 6px; }
      .title { font-weight: 600; overflow-wrap: anywhere; }
    `,
  ];

  @property({ attribute: false }) music: SpaceMusic | null = null;

  override render() {
    return html`<section class="card" aria-labelledby="music-title">
      <h2 id="music-title">${icon('music', 18)} ${msg('Music', { id: 'space.music' })}</h2>
      ${
        this.music
          ? html`<div class="title">${this.music.title}</div>
            <audio controls preload="none" src=${this.music.url} aria-label=${msg(str`Play ${this.music.title}`, { id: 'music.play' })}></audio>`
          : html`<p class="muted">${msg('No music chosen.', { id: 'music.none' })}</p>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-music-player': KjMusicPlayer;
  }
}
