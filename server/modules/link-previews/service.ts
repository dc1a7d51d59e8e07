/**
 * v1.2 link previews: a post's first http(s) link becomes `{ url, title, description?, image? }`,
 * fetched by the hub through public-fetch.ts (public addresses only, pinned, every redirect checked,
 * 5 s and 1 MB, `text/html` only). The page's og:image is fetched the same way, re-encoded by sharp
 * (metadata dropped, at most 600 × 600, WebP) into DATA_DIR and served by the hub at
 * `/link-previews/<sha256>.webp`; the remote image URL never reaches a reader. Any failure gives
 * no preview (null), never an error.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Express } from 'express';
import sharp from 'sharp';
import type { LinkPreviewDto } from '../../../shared/dto.js';
import { notFound } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { createAddressPolicy } from './address-policy.js';
import { readPageMeta } from './page-meta.js';
import { FetchRefused, publicFetch } from './public-fetch.js';

export interface LinkPreviewConfig {
  readonly enabled: boolean;
  readonly allow: readonly string[];
  readonly dataDir: string;
}

export const linkPreviewLimits = { totalMs: 5_000, maxBytes: 1024 * 1024, maxRedirects: 3, imageSide: 600 } as const;

const imageName = /^[0-9a-f]{64}\.webp$/;
const folderOf = (dataDir: string) => path.join(dataDir, 'link-previews');

export function createLinkPreviews(config: LinkPreviewConfig, logger: Logger) {
  const policy = createAddressPolicy(config.allow);
  const folder = folderOf(config.dataDir);

  /** The page's image, re-encoded and stored; its hub URL, or undefined when it cannot be had. */
  async function storedImage(url: string, signal: AbortSignal): Promise<string | undefined> {
    try {
      const { body } = await publicFetch(url, {
        policy,
        accept: (type) => type.startsWith('image/'),
        maxBytes: linkPreviewLimits.maxBytes,
        maxRedirects: linkPreviewLimits.maxRedirects,
        signal,
      });
      const side = linkPreviewLimits.imageSide;
      const webp = await sharp(body, { limitInputPixels: 40_000_000, animated: false })
        .rotate()
        .resize(side, side, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      const name = `${createHash('sha256').update(webp).digest('hex')}.webp`;
      await fs.mkdir(folder, { recursive: true });
      await fs.writeFile(path.join(folder, name), webp);
      return `/link-previews/${name}`;
    } catch (err) {
      logger.debug({ err, url }, 'link preview: no image');
      return undefined;
    }
  }

  return {
    /** The preview of `url`, or null (off, refused, failed, or no title). Never throws. */
    async preview(url: string): Promise<LinkPreviewDto | null> {
      if (!config.enabled) return null;
      const signal = AbortSignal.timeout(linkPreviewLimits.totalMs);
      try {
        const page = await publicFetch(url, {
          policy,
          accept: (type) => type === 'text/html',
          maxBytes: linkPreviewLimits.maxBytes,
          maxRedirects: linkPreviewLimits.maxRedirects,
          signal,
        });
        const meta = readPageMeta(page.body.toString('utf8'), page.url);
        if (!meta.title) return null;
        const image = meta.image ? await storedImage(meta.image, signal) : undefined;
        return { url, title: meta.title, ...(meta.description ? { description: meta.description } : {}), ...(image ? { image } : {}) };
      } catch (err) {
        const reason = err instanceof FetchRefused ? err.message : err instanceof Error ? err.name : 'failed';
        logger.debug({ url, reason }, 'link preview: none');
        return null;
      }
    },

    /** Serves stored preview images (content-addressed, so cached for good). */
    routes(app: Express): void {
      app.get('/link-previews/:name', (req, res, next) => {
        const name = String(req.params.name ?? '');
        if (!imageName.test(name)) {
          next(notFound('image'));
          return;
        }
        res.sendFile(path.join(folder, name), { maxAge: '365d', immutable: true, dotfiles: 'deny' }, (err) => {
          if (err && !res.headersSent) next(notFound('image'));
        });
      });
    },
  };
}

export type LinkPreviews = ReturnType<typeof createLinkPreviews>;
