/** Photos attached to shuoshuo go into the author's "Shuoshuo photos" album, made on first use. */
import type { AlbumDto, PhotoDto } from '../../../shared/dto.js';
import { api } from './api.js';
import { session } from './session.js';

export const shuoshuoAlbumTitle = 'Shuoshuo photos';
let albumId: Promise<string> | null = null;

async function findOrCreateAlbum(): Promise<string> {
  const handle = session.me?.handle;
  if (!handle) throw new Error('not signed in');
  const { albums } = await api.get<{ albums: AlbumDto[] }>(`/spaces/${handle}/albums`);
  const existing = albums.find((a) => a.title === shuoshuoAlbumTitle && a.owner.id === session.me?.id);
  if (existing) return existing.id;
  const { album } = await api.post<{ album: AlbumDto }>('/albums', { title: shuoshuoAlbumTitle, privacy: 'friends' });
  return album.id;
}

/** Uploads one image from the device; rejects with the hub's 413/415 message when it will not take it. */
export async function uploadShuoshuoPhoto(file: File, signal?: AbortSignal): Promise<PhotoDto> {
  albumId ??= findOrCreateAlbum().catch((err: unknown) => {
    albumId = null;
    throw err;
  });
  const form = new FormData();
  form.append('file', file, file.name);
  const { photo } = await api.upload<{ photo: PhotoDto }>(`/albums/${await albumId}/photos`, form, { signal });
  return photo;
}

session.addEventListener('change', () => {
  albumId = null;
});
