/**
 * `POST /api/me/avatar`: an avatar uploaded straight from settings. A multipart stream like a photo
 * upload (mounted before the JSON body parser, received by the albums' `receiveFile`, one of the
 * user's upload places held throughout), declared like every other endpoint.
 */
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import { imageWork } from '../albums/image-work.js';
import { receiveFile } from '../albums/multipart.js';
import type { AlbumService } from '../albums/service.js';
import type { Profiles } from './profile.js';

export function avatarUploadEndpoint(
  profiles: Profiles,
  albums: Pick<AlbumService, 'uploadMaxBytes' | 'uploadTmpDir' | 'discardUpload'>,
): Endpoint {
  return defineEndpoint({
    ...apiRoutes['POST /me/avatar'],
    rateLimit: { name: 'avatar-upload', points: 20, perSeconds: 60 },
    summary: 'Upload a new avatar (multipart/form-data, field "file"); it is cut square in two sizes',
    errors: ['too_large', 'unsupported_media', 'unavailable'],
    handler: async ({ viewer, req }) => {
      let file: string | undefined;
      try {
        return await imageWork.upload(viewer.id, async () => {
          file = (await receiveFile(req, 'file', albums.uploadMaxBytes, albums.uploadTmpDir)).path;
          return await profiles.setAvatarFromUpload(viewer, file);
        });
      } catch (err) {
        req.resume();
        throw err;
      } finally {
        if (file) await albums.discardUpload(file);
      }
    },
  });
}
