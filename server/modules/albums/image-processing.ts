/**
 * What an uploaded file becomes: decoded by sharp (so the content decides, not the name or the
 * declared type), refused if it is not one of the accepted formats or has more pixels than the
 * uploader's tier allows (a decompression bomb: a 1.2 KB AVIF can claim 49 megapixels, each of which
 * costs decoding time), turned upright by its EXIF orientation, re-encoded without any metadata
 * (EXIF, GPS, XMP, ICC comments), and given a small WebP thumbnail. The decoding and encoding wait
 * for a turn in `imageWork` (image-work.ts), so they never take all of libuv's threads.
 */
import sharp, { type Metadata } from 'sharp';
import type { Tier } from '../../../shared/dto.js';
import { tooLarge, unsupportedMedia } from '../../errors.js';
import { countFrames } from './frame-count.js';
import { imageWork, type ImageWork } from './image-work.js';

export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif';

export interface ProcessedImage {
  readonly format: PhotoFormat;
  readonly mime: string;
  readonly ext: string;
  readonly data: Buffer;
  readonly thumb: Buffer;
  readonly width: number;
  readonly height: number;
}

/**
 * Pixels (all frames together) an upload may decode to, by tier (413 beyond): a 12-megapixel phone
 * photo fits the basic cap, a 6000×6000 camera image the yellow one.
 */
export const maxInputPixelsByTier: Readonly<Record<Tier, number>> = { basic: 16_000_000, yellow: 36_000_000 };
/**
 * Frames an animated GIF or WebP may have (413 beyond). Each frame costs time whatever its size:
 * 800,000 one-pixel frames passed the pixel cap and took ~10 s of CPU to re-encode.
 */
export const maxFrames = 1_000;
export const thumbWidth = 320;
/** Longest one image may take to decode and re-encode; past it the upload is refused (413). */
const processingTimeoutSeconds = 30;

const formats: Readonly<Record<PhotoFormat, { mime: string; ext: string }>> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  gif: { mime: 'image/gif', ext: 'gif' },
  avif: { mime: 'image/avif', ext: 'avif' },
};

function formatOf(meta: Metadata): PhotoFormat | null {
  switch (meta.format) {
    case 'jpeg':
    case 'png':
    case 'webp':
    case 'gif':
      return meta.format;
    case 'heif':
      return meta.compression === 'av1' ? 'avif' : null; // HEIC (HEVC) is not decodable everywhere
    default:
      return null;
  }
}

const notAnImage = () => unsupportedMedia('the file is not a supported image (jpeg, png, webp, gif or avif)');
const tooManyPixels = (maxPixels: number) => tooLarge(`the image is too large (at most ${maxPixels / 1_000_000} megapixels)`);
const tooManyFrames = () => tooLarge(`the animation has too many frames (at most ${maxFrames})`);
const tooSlow = () => tooLarge('the image takes too long to process; try a smaller one');

function isPixelLimitError(err: unknown): boolean {
  return err instanceof Error && /pixel limit/i.test(err.message);
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && /timeout/i.test(err.message);
}

export interface ProcessOptions {
  readonly tier: Tier;
  /** Whose upload it is: the processing queue takes turns between users. */
  readonly userId: string;
  /** Where the decode/encode waits for its turn (the process-wide one by default). */
  readonly work?: ImageWork;
}

/** Decodes, checks and re-encodes the image in `file`; throws 415, 413 or 503 `AppError`s. */
export async function processImage(file: string, { tier, userId, work = imageWork }: ProcessOptions): Promise<ProcessedImage> {
  const maxPixels = maxInputPixelsByTier[tier];
  // Before sharp reads the header, which visits every frame.
  if ((await countFrames(file, maxFrames)) > maxFrames) throw tooManyFrames();
  let meta: Metadata;
  try {
    // The header only: cheap, so it runs at once and a bomb is refused without waiting in the queue.
    meta = await sharp(file, { limitInputPixels: maxPixels }).metadata();
  } catch (err) {
    throw isPixelLimitError(err) ? tooManyPixels(maxPixels) : notAnImage();
  }
  const format = formatOf(meta);
  if (!format || !meta.width || !meta.height) throw notAnImage();
  const pages = meta.pages ?? 1;
  if (pages > maxFrames) throw tooManyFrames(); // in case the count above stopped early on odd blocks
  // Every frame's pixels, checked from the header before decoding anything; sharp's own limit is the
  // second line of defence.
  if (meta.width * meta.height * pages > maxPixels) throw tooManyPixels(maxPixels);

  const animated = pages > 1 && (format === 'gif' || format === 'webp');
  // AVIF is decoded but stored as WebP: AVIF encoding took several times longer than decoding.
  const stored: Exclude<PhotoFormat, 'avif'> = format === 'avif' ? 'webp' : format;
  return work.process(userId, async () => {
    try {
      let pipeline = sharp(file, { limitInputPixels: maxPixels, animated, sequentialRead: true }).timeout({
        seconds: processingTimeoutSeconds,
      });
      if (!animated) pipeline = pipeline.rotate(); // EXIF orientation applied, then the tag is dropped with the rest
      switch (stored) {
        case 'jpeg':
          // libjpeg-turbo's own encoder: mozjpeg's smaller files cost about twice the time.
          pipeline = pipeline.jpeg({ quality: 85 });
          break;
        case 'png':
          pipeline = pipeline.png({ compressionLevel: 6 });
          break;
        case 'webp':
          pipeline = pipeline.webp({ quality: 85 });
          break;
        case 'gif':
          pipeline = pipeline.gif();
          break;
      }
      const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
      const thumb = await sharp(data, { limitInputPixels: maxPixels, sequentialRead: true })
        .timeout({ seconds: processingTimeoutSeconds })
        .resize({ width: thumbWidth, withoutEnlargement: true })
        .webp({ quality: 75 })
        .toBuffer();
      return {
        format: stored,
        ...formats[stored],
        data,
        thumb,
        width: info.width,
        height: info.pageHeight ?? info.height,
      };
    } catch (err) {
      if (isPixelLimitError(err)) throw tooManyPixels(maxPixels);
      if (isTimeout(err)) throw tooSlow();
      throw notAnImage();
    }
  });
}
