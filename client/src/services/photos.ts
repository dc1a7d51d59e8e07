/**
 * Photos attached to shuoshuo go into the author's shuoshuo album, which the hub finds or makes
 * (`PUT /api/albums/shuoshuo`): the rule lives on the server, not in a title the browser searches for.
 */
import type { PhotoDto } from '../../../shared/dto.js';
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

session.addEventListener('change', () => {
  albumId = null;
});
