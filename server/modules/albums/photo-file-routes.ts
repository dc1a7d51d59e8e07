/**
 * `GET /photos/:id` and `/photos/:id/thumb`, outside /api because browsers load them as plain
 * images (no Authorization header): public albums' photos openly and cached for good, others only
 * with the signed query their DTO carried, cached privately until it expires.
 */
import type { Express, NextFunction, Request, Response } from 'express';
import { notFound } from '../../errors.js';
import type { AlbumService } from './service.js';

export function photoFileRoutes(albums: AlbumService): (app: Express) => void {
  const serve = (variant: 'full' | 'thumb') => (req: Request, res: Response, next: NextFunction) => {
    const id = String(req.params.id ?? '');
    albums
      .servable(id, variant, req.query.sig, req.query.exp)
      .then((photo) => {
        res.setHeader('ETag', photo.etag);
        res.setHeader('Cache-Control', photo.isPublic ? 'public, max-age=31536000, immutable' : `private, max-age=${photo.maxAge}`);
        res.setHeader('Content-Type', photo.mime);
        if (req.get('if-none-match') === photo.etag) {
          res.status(304).end();
          return;
        }
        res.sendFile(photo.path, { etag: false, lastModified: false, cacheControl: false, dotfiles: 'deny' }, (err) => {
          if (err && !res.headersSent) next(notFound('photo'));
        });
      })
      .catch(next);
  };
  return (app) => {
    app.get('/photos/:id', serve('full'));
    app.get('/photos/:id/thumb', serve('thumb'));
  };
}
