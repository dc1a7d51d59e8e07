import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SpaceMusic } from '../../../shared/dto.js';
import { icon } from '../icons.js';
import { shared } from '../styles/shared.js';

/**
 * The space's background music. It never plays by itself: sound starts only when the visitor
 * presses play (`preload="none"`, no autoplay).
 */
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
    return html`<section class="card" aria-label="Music">
      <h2>${icon('music', 18)} Music</h2>
      ${this.music
        ? html`<div class="title">${this.music.title}</div>
            <audio controls preload="none" src=${this.music.url} aria-label=${`Play ${this.music.title}`}></audio>`
        : html`<p class="muted">No music chosen.</p>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-music-player': KjMusicPlayer;
  }
}
