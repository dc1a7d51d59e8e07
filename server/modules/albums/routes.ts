import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import { apiRoutes } from '../../../shared/api-routes.js';
import type { AlbumService } from './service.js';

const albumWrites = { name: 'album-write', points: 120, perSeconds: 60 } as const;

export function albumRoutes(albums: AlbumService): Endpoint[] {
  return [
    defineEndpoint({
      ...apiRoutes['GET /albums/quota'],
      handler: ({ viewer }) => albums.quota(viewer),
    }),
    defineEndpoint({
      ...apiRoutes['POST /albums'],
      rateLimit: albumWrites,
      status: 201,
      handler: ({ viewer, body }) => albums.createAlbum(viewer, body),
    }),
    defineEndpoint({
      ...apiRoutes['PUT /albums/shuoshuo'],
      rateLimit: albumWrites,
      handler: ({ viewer }) => albums.shuoshuoAlbum(viewer),
    }),
    defineEndpoint({
      ...apiRoutes['GET /spaces/:handle/albums'],
      handler: ({ viewer, params }) => albums.listAlbums(viewer, params.handle),
    }),
    defineEndpoint({
      ...apiRoutes['GET /albums/:id'],
      handler: ({ viewer, params }) => albums.getAlbum(viewer, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['DELETE /albums/:id'],
      rateLimit: albumWrites,
      status: 204,
      handler: ({ viewer, params }) => albums.deleteAlbum(viewer, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['PUT /albums/:id/music'],
      rateLimit: albumWrites,
      handler: ({ viewer, params, body }) => albums.setMusic(viewer, params.id, body),
    }),
    defineEndpoint({
      ...apiRoutes['GET /albums/:id/photos'],
      handler: ({ viewer, params, query }) => albums.listPhotos(viewer, params.id, query),
    }),
    defineEndpoint({
      ...apiRoutes['DELETE /photos/:id'],
      rateLimit: albumWrites,
      status: 204,
      handler: ({ viewer, params }) => albums.deletePhoto(viewer, params.id),
    }),
    defineEndpoint({
      ...apiRoutes['PATCH /photos/:id'],
      rateLimit: albumWrites,
      handler: ({ viewer, params, body }) => albums.setCaption(viewer, params.id, body.caption),
    }),
    defineEndpoint({
      ...apiRoutes['POST /users/:handle/tier'],
      handler: ({ viewer, params, body }) => albums.setTier(viewer, params.handle, body.tier),
    }),
  ];
}
