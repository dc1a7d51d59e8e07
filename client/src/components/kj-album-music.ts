import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AlbumDto } from '../../../shared/dto.js';
import { api } from '../services/api.js';
import { icon } from '../icons.js';
import { shared } from '../styles/shared.js';
import { errorNotice } from '../error-notice.js';
import { formText } from '../form-text.js';
import { ActionStatus } from '../controllers/action-status.js';

/**
 * An album's background music (相册背景音乐): a player that starts only when pressed (no autoplay,
 * `preload="none"`), and for the owner a title and URL to set it, checked by the hub like the space's music.
 * @fires album-changed - detail `{ album }`, after the owner changed the music
 */
@localized()
@customElement('kj-album-music')
export class KjAlbumMusic extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; margin-top: 10px; }
      audio { width: 100%; margin-top: 4px; }
      .title { font-weight: 600; overflow-wrap: anywhere; }
      form { display: flex; flex-wrap: wrap; gap: 6px; align-items: end; margin-top: 6px; }
      form .field { flex: 1 1 160px; margin: 0; }
    `,
  ];

  @property({ attribute: false }) album: AlbumDto | null = null;
  @property({ type: Boolean }) editable = false;
  @state() private editing = false;
  private readonly action = new ActionStatus(this);

  override render() {
    const music = this.album?.music ?? null;
    return html`${
      music
        ? html`<div class="title">${icon('music', 16)} ${music.title}</div>
          <audio controls preload="none" src=${music.url} aria-label=${msg(str`Play ${music.title}`, { id: 'music.play' })}></audio>`
        : null
    }
    ${
      this.editable
        ? this.editing
          ? html`<form @submit=${this.save} aria-label=${msg('Album music', { id: 'albumMusic.label' })}>
              <div class="field"><label for="music-title">${msg('Song title', { id: 'albumMusic.title' })}</label>
                <input id="music-title" name="title" maxlength="80" required .value=${music?.title ?? ''} /></div>
              <div class="field"><label for="music-url">${msg('Music URL (http or https)', { id: 'albumMusic.url' })}</label>
                <input id="music-url" name="url" type="url" maxlength="2048" required .value=${music?.url ?? ''} /></div>
              <button class="primary" type="submit">${msg('Save music', { id: 'albumMusic.save' })}</button>
              ${music ? html`<button type="button" @click=${() => this.put(null)}>${msg('Remove music', { id: 'albumMusic.remove' })}</button>` : null}
              <button type="button" @click=${() => (this.editing = false)}>${msg('Cancel', { id: 'video.cancel' })}</button>
            </form>`
          : html`<button type="button" @click=${() => (this.editing = true)}>${icon('music', 16)} ${
              music ? msg('Change album music', { id: 'albumMusic.change' }) : msg('Add album music', { id: 'albumMusic.add' })
            }</button>`
        : null
    }
    ${errorNotice(this.action.error)}`;
  }

  private save(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    void this.put({ title: formText(data, 'title').trim(), url: formText(data, 'url').trim() });
  }

  private async put(music: { title: string; url: string } | null): Promise<void> {
    const id = this.album?.id;
    if (!id) return;
    await this.action.run(async () => {
      const { album } = await api.call('PUT /albums/:id/music', { params: { id }, body: { music } });
      this.editing = false;
      this.dispatchEvent(new CustomEvent('album-changed', { detail: { album }, bubbles: true, composed: true }));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-album-music': KjAlbumMusic;
  }
}
