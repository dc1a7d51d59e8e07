/**
 * `POST /api/albums/:id/photos`: mounted before the JSON body parser (the body is a multipart
 * stream), but declared like every other endpoint, so auth, rate limit and errors work the same.
 */
import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import { imageWork } from './image-work.js';
import { withUpload } from './multipart.js';
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
        withUpload(req, { field: 'file', maxBytes: albums.uploadMaxBytes, tmpDir: albums.uploadTmpDir }, (receive) =>
          // At most a couple of uploads per user in flight (429 beyond), whatever their rate.
          imageWork.upload(viewer.id, async () => {
            await albums.getOwnAlbum(viewer, params.id); // refuse before reading megabytes
            return albums.addPhoto(viewer, params.id, await receive());
          }),
        ),
    },
  });
}
