import { albumBody, photoCaptionBody, photoPageQuery } from '../../../shared/schemas/albums.js';
import { handleParams, idParams } from '../../../shared/schemas/common.js';
import { tierBody } from '../../../shared/schemas/moderation.js';
import { defineEndpoint, type Endpoint } from '../../http/endpoint.js';
import type { AlbumService } from './service.js';
import * as responses from '../../../shared/schemas/dto/responses.js';

const albumWrites = { name: 'album-write', points: 120, perSeconds: 60 } as const;

export function albumRoutes(albums: AlbumService): Endpoint[] {
  return [
    defineEndpoint({
      method: 'get',
      path: '/albums/quota',
      auth: true,
      response: responses.quota,
      handler: ({ viewer }) => albums.quota(viewer),
    }),
    defineEndpoint({
      method: 'post',
      path: '/albums',
      auth: true,
      body: albumBody,
      rateLimit: albumWrites,
      status: 201,
      response: responses.album,
      handler: ({ viewer, body }) => albums.createAlbum(viewer, body),
    }),
    defineEndpoint({
      method: 'put',
      path: '/albums/shuoshuo',
      auth: true,
      rateLimit: albumWrites,
      response: responses.album,
      handler: ({ viewer }) => albums.shuoshuoAlbum(viewer),
    }),
    defineEndpoint({
      method: 'get',
      path: '/spaces/:handle/albums',
      auth: false,
      params: handleParams,
      response: responses.albums,
      handler: ({ viewer, params }) => albums.listAlbums(viewer, params.handle),
    }),
    defineEndpoint({
      method: 'get',
      path: '/albums/:id',
      auth: false,
      params: idParams,
      response: responses.album,
      handler: ({ viewer, params }) => albums.getAlbum(viewer, params.id),
    }),
    defineEndpoint({
      method: 'delete',
      path: '/albums/:id',
      auth: true,
      params: idParams,
      rateLimit: albumWrites,
      status: 204,
      handler: ({ viewer, params }) => albums.deleteAlbum(viewer, params.id),
    }),
    defineEndpoint({
      method: 'get',
      path: '/albums/:id/photos',
      auth: false,
      params: idParams,
      query: photoPageQuery,
      response: responses.photoPage,
      handler: ({ viewer, params, query }) => albums.listPhotos(viewer, params.id, query),
    }),
    defineEndpoint({
      method: 'delete',
      path: '/photos/:id',
      auth: true,
      params: idParams,
      rateLimit: albumWrites,
      status: 204,
      handler: ({ viewer, params }) => albums.deletePhoto(viewer, params.id),
    }),
    defineEndpoint({
      method: 'patch',
      path: '/photos/:id',
      auth: true,
      params: idParams,
      body: photoCaptionBody,
      rateLimit: albumWrites,
      response: responses.photo,
      handler: ({ viewer, params, body }) => albums.setCaption(viewer, params.id, body.caption),
    }),
    defineEndpoint({
      method: 'post',
      path: '/users/:handle/tier',
      auth: 'moderator',
      params: handleParams,
      body: tierBody,
      response: responses.user,
      handler: ({ viewer, params, body }) => albums.setTier(viewer, params.handle, body.tier),
    }),
  ];
}
