/** A post's video, played by the browser's own controls; only its metadata loads until played. */
import { msg, str } from '@lit/localize';
import { css, html } from 'lit';
import type { VideoDto } from '../../../shared/dto.js';

/** `m:ss` of a duration in milliseconds. */
export function videoDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export const postVideoStyles = css`
  .video { display: block; width: 100%; max-height: 70vh; margin: 8px 0; border-radius: 8px; background: #000; }
`;

export function postVideo(v: VideoDto) {
  return html`<video
    class="video"
    controls
    preload="metadata"
    playsinline
    poster=${v.posterUrl}
    src=${v.url}
    width=${v.width}
    height=${v.height}
    style="aspect-ratio: ${v.width} / ${v.height}; height: auto;"
    aria-label=${msg(str`Video, ${videoDuration(v.durationMs)}`, { id: 'video.label' })}
  ></video>`;
}
