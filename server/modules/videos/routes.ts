/**
 * `POST /api/videos` (multipart, mounted before the JSON body parser like photo uploads),
 * `DELETE /api/videos/:id`, and the files: `GET /videos/:id` (HTTP range requests, so a player can
 * seek and the browser fetch only what it plays) and `/videos/:id/poster`, both only with the
 * signed query their DTO carried.
 */
import type { Express, NextFunction, Request, Response } from 'express';
import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import { notFound } from '../../errors.js';
import { userUpload } from '../albums/user-upload.js';
import type { VideoService } from './service.js';

const uploads = { name: 'video-upload', points: 30, perSeconds: 60 } as const;

export function videoUploadEndpoints(videos: VideoService): Endpoint[] {
  return defineEndpoints({
    'POST /videos': {
      rateLimit: uploads,
      status: 201,
      summary: 'Upload one video (multipart/form-data, field "file"): MP4 (H.264/AAC) or WebM, at most VIDEO_MAX_BYTES and 5 minutes',
      errors: ['too_large', 'unsupported_media', 'unavailable', 'rate_limited'],
      // Its upload places are the ones photos use.
      handler: ({ viewer, req }) =>
        userUpload(req, viewer.id, videos, async (receive) => {
          const refused = await videos.refusal(); // before reading megabytes
          if (refused) throw refused;
          return videos.addVideo(viewer, await receive());
        }),
    },
  });
}

export function videoRoutes(videos: VideoService): Endpoint[] {
  return defineEndpoints({
    'DELETE /videos/:id': {
      rateLimit: { name: 'video-write', points: 120, perSeconds: 60 },
      status: 204,
      handler: ({ viewer, params }) => videos.deleteVideo(viewer, params.id),
    },
  });
}

export function videoFileRoutes(videos: VideoService): (app: Express) => void {
  const serve = (variant: 'video' | 'poster') => (req: Request, res: Response, next: NextFunction) => {
    videos
      .servable(String(req.params.id ?? ''), variant, req.query.sig, req.query.exp)
      .then((file) => {
        res.setHeader('ETag', file.etag);
        res.setHeader('Cache-Control', `private, max-age=${file.maxAge}`);
        res.setHeader('Content-Type', file.mime);
        if (req.get('if-none-match') === file.etag) {
          res.status(304).end();
          return;
        }
        res.sendFile(file.path, { etag: false, lastModified: false, cacheControl: false, acceptRanges: true, dotfiles: 'deny' }, (err) => {
          if (err && !res.headersSent) next(notFound('video'));
        });
      })
      .catch(next);
  };
  return (app) => {
    app.get('/videos/:id', serve('video'));
    app.get('/videos/:id/poster', serve('poster'));
  };
}
