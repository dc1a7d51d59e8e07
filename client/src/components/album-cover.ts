/** An album in a list of a space's albums (the space's albums module, the albums page): its cover, title, photo count and audience, opening the album. */
import { css, html, type TemplateResult } from 'lit';
import type { AlbumDto } from '../../../shared/dto.js';
import { albumTitle, photoCountText } from '../album-format.js';
import { privacyLabel } from '../format.js';
import { icon } from '../icons.js';

/** The link to the album at `/space/:handle/albums/:id`, styled by its list (`.album`, `.cover`). */
export function albumCover(handle: string, a: AlbumDto): TemplateResult {
  return html`<a class="album" href=${`/space/${handle}/albums/${a.id}`} data-album-id=${a.id}>
    ${a.coverThumbUrl ? html`<img class="cover" src=${a.coverThumbUrl} alt="" />` : html`<span class="cover" aria-hidden="true">${icon('image', 32)}</span>`}
    <b>${albumTitle(a)}</b>
    <span class="muted" data-testid="photo-count">${photoCountText(a.photoCount)} · ${privacyLabel[a.privacy]}</span>
  </a>`;
}

/** The look of `albumCover`'s link; its list sets the grid. */
export const albumCoverStyles = css`
  .album { display: flex; flex-direction: column; padding: 6px; border-radius: 10px; color: var(--kj-text); }
  .album:hover { background: var(--kj-accent-soft); text-decoration: none; }
  .cover { aspect-ratio: 4 / 3; border-radius: 8px; background: linear-gradient(135deg, #ffe8cc, #ffd8a8); object-fit: cover; width: 100%; display: grid; place-items: center; }
`;
