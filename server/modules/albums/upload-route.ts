/**
 * `POST /api/albums/:id/photos`: mounted before the JSON body parser (the body is a multipart
 * stream), but declared like every other endpoint, so auth, rate limit and errors work the same.
 */
import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import { userUpload } from './user-upload.js';
import type { AlbumService } from './service.js';

const uploads = { name: 'photo-upload', points: 120, perSeconds: 60 } as const;

/** The streaming upload endpoints, declared like the JSON ones (the API document lists them too). */
export function photoUploadEndpoints(albums: AlbumService): Endpoint[] {
  return defineEndpoints({
    'POST /albums/:id/photos': {
      rateLimit: uploads,
      status: 201,
      summary: 'Upload one photo (multipart/form-data, field "file") into an album of yours',
      errors: ['not_found', 'too_large', 'unsupported_media', 'unavailable'],
      handler: ({ viewer, params, req }) =>
        userUpload(req, viewer.id, albums, async (receive) => {
          await albums.getOwnAlbum(viewer, params.id); // refuse before reading megabytes
          return albums.addPhoto(viewer, params.id, await receive());
        }),
    },
  });
}
