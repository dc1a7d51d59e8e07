import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { AlbumService } from './service.js';

const albumWrites = { name: 'album-write', points: 120, perSeconds: 60 } as const;

export function albumRoutes(albums: AlbumService): Endpoint[] {
  return defineEndpoints({
    'GET /albums/quota': { handler: ({ viewer }) => albums.quota(viewer) },
    'POST /albums': { rateLimit: albumWrites, status: 201, handler: ({ viewer, body }) => albums.createAlbum(viewer, body) },
    'PUT /albums/shuoshuo': { rateLimit: albumWrites, handler: ({ viewer }) => albums.shuoshuoAlbum(viewer) },
    'GET /spaces/:handle/albums': { handler: ({ viewer, params }) => albums.listAlbums(viewer, params.handle) },
    'GET /albums/:id': { handler: ({ viewer, params }) => albums.getAlbum(viewer, params.id) },
    'DELETE /albums/:id': { rateLimit: albumWrites, status: 204, handler: ({ viewer, params }) => albums.deleteAlbum(viewer, params.id) },
    'PUT /albums/:id/music': { rateLimit: albumWrites, handler: ({ viewer, params, body }) => albums.setMusic(viewer, params.id, body) },
    'GET /albums/:id/photos': { handler: ({ viewer, params, query }) => albums.listPhotos(viewer, params.id, query) },
    'DELETE /photos/:id': { rateLimit: albumWrites, status: 204, handler: ({ viewer, params }) => albums.deletePhoto(viewer, params.id) },
    'PATCH /photos/:id': {
      rateLimit: albumWrites,
      handler: ({ viewer, params, body }) => albums.setCaption(viewer, params.id, body.caption),
    },
    'POST /users/:handle/tier': { handler: ({ viewer, params, body }) => albums.setTier(viewer, params.handle, body.tier) },
  });
}
