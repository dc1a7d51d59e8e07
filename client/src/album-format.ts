/** Words for albums and photos shared by the album screens: photo counts, sizes, an album's shown title. */
import { msg, str } from '@lit/localize';
import type { AlbumDto } from '../../shared/dto.js';
import { formatNumber, plural } from './i18n/format.js';

/** "1 photo" / "12 photos" (one form in Chinese). */
export function photoCountText(n: number): string {
  return plural(n, {
    one: () => msg('1 photo', { id: 'albums.photo' }),
    other: () => msg(str`${formatNumber(n)} photos`, { id: 'albums.photos' }),
  });
}

/** Bytes for people: 512 KB, 3.4 MB, 2.5 GB. */
export function sizeText(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(unit === 0 ? value : Math.round(value * 10) / 10)} ${units[unit]}`;
}

/** The shuoshuo album is named in the reader's language; others by their owner. */
export const albumTitle = (album: AlbumDto): string =>
  album.purpose === 'shuoshuo' ? msg('Shuoshuo photos', { id: 'albumPage.shuoshuoTitle' }) : album.title;
