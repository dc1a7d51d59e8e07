/**
 * `POST /api/me/avatar`: an avatar uploaded straight from settings. A multipart stream like a photo
 * upload (mounted before the JSON body parser, received by the albums' `userUpload`, one of the
 * user's upload places held throughout), declared like every other endpoint.
 */
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import { userUpload } from '../albums/user-upload.js';
import type { AlbumService } from '../albums/service.js';
import type { Profiles } from './profile.js';

export function avatarUploadEndpoint(profiles: Profiles, albums: Pick<AlbumService, 'uploadMaxBytes' | 'uploadTmpDir'>): Endpoint {
  return defineEndpoint({
    ...apiRoutes['POST /me/avatar'],
    rateLimit: { name: 'avatar-upload', points: 20, perSeconds: 60 },
    summary: 'Upload a new avatar (multipart/form-data, field "file"); it is cut square in two sizes',
    errors: ['too_large', 'unsupported_media', 'unavailable'],
    handler: ({ viewer, req }) =>
      userUpload(req, viewer.id, albums, async (receive) => profiles.setAvatarFromUpload(viewer, await receive())),
  });
}
