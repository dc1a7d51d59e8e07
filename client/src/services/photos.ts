/**
 * Photos attached to shuoshuo go into the author's shuoshuo album, which the hub finds or makes
 * (`PUT /api/albums/shuoshuo`): the rule lives on the server, not in a title the browser searches for.
 */
import type { AlbumDto, PhotoDto } from '../../../shared/dto.js';
import { api } from './api.js';
import { session } from './session.js';

let albumId: Promise<string> | null = null;

async function findOrCreateAlbum(): Promise<string> {
  if (!session.me) throw new Error('not signed in');
  const { album } = await api.call('PUT /albums/shuoshuo');
  return album.id;
}

/** The id of my shuoshuo album (made when I have none): where photos sent from the composer and chat go. */
export function shuoshuoAlbumId(): Promise<string> {
  albumId ??= findOrCreateAlbum().catch((err: unknown) => {
    albumId = null;
    throw err;
  });
  return albumId;
}

/** Uploads one image from the device; rejects with the hub's 413/415 message when it will not take it. */
export async function uploadShuoshuoPhoto(file: File, signal?: AbortSignal): Promise<PhotoDto> {
  const id = await shuoshuoAlbumId();
  const form = new FormData();
  form.append('file', file, file.name);
  const { photo } = await api.call('POST /albums/:id/photos', { params: { id }, body: form, signal });
  return photo;
}

/** An album with the first page of its photos. */
export interface AlbumPhotos {
  readonly album: AlbumDto;
  readonly photos: PhotoDto[];
}

/**
 * The albums of `handle`'s space that have photos, in the hub's order, each with its first page of
 * photos (at most `perAlbum`, else the hub's page size); `albums` caps how many are read.
 */
export async function albumsWithPhotos(
  handle: string,
  { albums: most, perAlbum }: { readonly albums?: number; readonly perAlbum?: number },
  signal: AbortSignal,
): Promise<AlbumPhotos[]> {
  const { albums } = await api.call('GET /spaces/:handle/albums', { params: { handle }, signal });
  const withPhotos = albums.filter((a) => a.photoCount > 0).slice(0, most);
  const pages = await Promise.all(
    withPhotos.map((a) => api.call('GET /albums/:id/photos', { params: { id: a.id }, query: { limit: perAlbum }, signal })),
  );
  return withPhotos.map((album, i) => ({ album, photos: pages[i]?.photos ?? [] })).filter((a) => a.photos.length > 0);
}

/** Albums and photos looked through for avatar candidates: enough to choose from, bounded. */
const avatarAlbumsLooked = 6;
const avatarPhotosShown = 48;

/** The newest photos of `handle`'s first albums with photos, as avatar candidates (Settings → Profile). */
export async function avatarCandidates(handle: string, signal: AbortSignal): Promise<PhotoDto[]> {
  const albums = await albumsWithPhotos(handle, { albums: avatarAlbumsLooked }, signal);
  return albums.flatMap((a) => a.photos).slice(0, avatarPhotosShown);
}

session.addEventListener('change', () => {
  albumId = null;
});
